package dev.starling.gateway.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

import dev.starling.protocol.channel.ChannelType;
import dev.starling.protocol.cluster.StateUpdate;
import dev.starling.protocol.frame.PresenceMember;

/**
 * This node's replica of the cluster-wide state: presence members, subscription counts and signed-in users, built
 * only from the ordered {@link StateUpdate} stream. Because every node applies the same stream in the same order per
 * channel (and per user), every node computes the same {@link Transition}s: first and last socket of a presence
 * member, channel occupied and vacated, user online and offline — so each node can notify its own subscribers and
 * exactly one node (the publisher of the update) reports webhooks.
 *
 * <p>Thread-safety: {@link #apply} is called by the bus one update at a time per channel; queries may run
 * concurrently from any thread and see a consistent state of each channel.
 */
public final class ClusterState {

    private final String selfNodeId;
    private final ToIntFunction<String> maxPresenceMembers;
    private final ConcurrentHashMap<String, AppState> apps = new ConcurrentHashMap<>();

    /**
     * @param selfNodeId         this node, whose presence joins get a member snapshot in their transition
     * @param maxPresenceMembers the member limit of an app, by app id
     */
    public ClusterState(String selfNodeId, ToIntFunction<String> maxPresenceMembers) {
        this.selfNodeId = selfNodeId;
        this.maxPresenceMembers = maxPresenceMembers;
    }

    /** Counts of one channel, as seen now. */
    public record ChannelInfo(boolean occupied, long subscriptionCount, int userCount) {
        static final ChannelInfo VACANT = new ChannelInfo(false, 0, 0);
    }

    private static final class AppState {
        final ConcurrentHashMap<String, ChannelState> channels = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, Map<String, String>> users = new ConcurrentHashMap<>();
    }

    private static final class Member {
        final PresenceMember member;
        int sockets;

        Member(PresenceMember member) {
            this.member = member;
        }
    }

    private record NodeCount(int count, long sequence) {
    }

    private record PresenceSocket(String userId, String nodeId) {
    }

    /** State of one occupied channel. Guarded by its own monitor. */
    private static final class ChannelState {
        final boolean presence;
        final LinkedHashMap<String, Member> members;
        final HashMap<String, PresenceSocket> sockets;
        final HashMap<String, NodeCount> nodeCounts;
        long total;

        ChannelState(boolean presence) {
            this.presence = presence;
            this.members = presence ? new LinkedHashMap<>() : null;
            this.sockets = presence ? new HashMap<>() : null;
            this.nodeCounts = presence ? null : new HashMap<>();
        }

        synchronized ChannelInfo info() {
            return new ChannelInfo(total > 0, total, presence ? members.size() : 0);
        }

        synchronized List<String> userIds() {
            return presence ? new ArrayList<>(members.keySet()) : List.of();
        }
    }

    public Transition apply(StateUpdate update) {
        return switch (update) {
            case StateUpdate.PresenceJoined joined -> join(joined);
            case StateUpdate.PresenceLeft left -> leave(left);
            case StateUpdate.SubscriptionCount count -> count(count);
            case StateUpdate.UserSignedIn in -> signedIn(in);
            case StateUpdate.UserSignedOut out -> signedOut(out);
        };
    }

    public ChannelInfo channel(String appId, String channel) {
        AppState app = apps.get(appId);
        ChannelState state = app == null ? null : app.channels.get(channel);
        return state == null ? ChannelInfo.VACANT : state.info();
    }

    /**
     * Like {@link #channel(String, String)}, with this node's own share of a non-presence channel taken as
     * {@code localCount} (the subscriptions this node holds now) instead of the count the replica last read back from
     * the bus. That is what gives read-your-writes on the node that acknowledged a subscription: its own subscribers
     * are counted from the moment they are indexed, other nodes' as soon as their counts arrive. Presence channels
     * are answered from the replica alone, which already holds a presence subscriber before its
     * {@code subscription_succeeded} is sent.
     */
    public ChannelInfo channel(String appId, String channel, int localCount) {
        if (ChannelType.of(channel).isPresence()) {
            return channel(appId, channel);
        }
        AppState app = apps.get(appId);
        ChannelState state = app == null ? null : app.channels.get(channel);
        long others = 0;
        if (state != null) {
            synchronized (state) {
                if (state.presence) {
                    return state.info();
                }
                NodeCount own = state.nodeCounts.get(selfNodeId);
                others = state.total - (own == null ? 0 : own.count());
            }
        }
        long total = others + localCount;
        return total > 0 ? new ChannelInfo(true, total, 0) : ChannelInfo.VACANT;
    }

    /** Names of the app's occupied channels that start with {@code prefix} (empty for all). */
    public List<String> occupiedChannels(String appId, String prefix) {
        AppState app = apps.get(appId);
        if (app == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        app.channels.forEach((name, state) -> {
            if (name.startsWith(prefix) && state.info().occupied()) {
                names.add(name);
            }
        });
        Collections.sort(names);
        return names;
    }

    /**
     * Names of the app's occupied channels that start with {@code prefix}, this node's own subscriptions counted as
     * {@code localCount} gives them (see {@link #channel(String, String, int)}); {@code localChannels} are the
     * channels this node holds subscribers of.
     */
    public List<String> occupiedChannels(String appId, String prefix, ToIntFunction<String> localCount,
            Iterable<String> localChannels) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        AppState app = apps.get(appId);
        if (app != null) {
            app.channels.keySet().forEach(name -> {
                if (name.startsWith(prefix)) {
                    names.add(name);
                }
            });
        }
        for (String name : localChannels) {
            if (name.startsWith(prefix)) {
                names.add(name);
            }
        }
        names.removeIf(name -> !channel(appId, name, localCount.applyAsInt(name)).occupied());
        return new ArrayList<>(names);
    }

    /** User ids of a presence channel's members, in join order. */
    public List<String> userIds(String appId, String channel) {
        AppState app = apps.get(appId);
        ChannelState state = app == null ? null : app.channels.get(channel);
        return state == null ? List.of() : state.userIds();
    }

    /** Whether the user has at least one signed-in socket anywhere in the cluster. */
    public boolean isOnline(String appId, String userId) {
        AppState app = apps.get(appId);
        return app != null && app.users.containsKey(userId);
    }

    /**
     * The updates that remove everything {@code nodeId} holds — its presence sockets, its subscription counts, its
     * signed-in sockets — for cleaning up after a node that died.
     */
    public List<StateUpdate> removalsFor(String nodeId) {
        List<StateUpdate> removals = new ArrayList<>();
        apps.forEach((appId, app) -> {
            app.channels.forEach((channel, state) -> {
                synchronized (state) {
                    if (state.presence) {
                        state.sockets.forEach((socketId, socket) -> {
                            if (socket.nodeId().equals(nodeId)) {
                                removals.add(new StateUpdate.PresenceLeft(appId, channel, socketId, nodeId));
                            }
                        });
                    } else if (state.nodeCounts.containsKey(nodeId)) {
                        removals.add(new StateUpdate.SubscriptionCount(appId, channel, nodeId, 0, Long.MAX_VALUE));
                    }
                }
            });
            app.users.forEach((userId, sockets) -> {
                synchronized (sockets) {
                    sockets.forEach((socketId, node) -> {
                        if (node.equals(nodeId)) {
                            removals.add(new StateUpdate.UserSignedOut(appId, userId, socketId, nodeId));
                        }
                    });
                }
            });
        });
        return removals;
    }

    private AppState app(String appId) {
        return apps.computeIfAbsent(appId, id -> new AppState());
    }

    private Transition join(StateUpdate.PresenceJoined u) {
        Transition[] result = new Transition[1];
        app(u.appId()).channels.compute(u.channel(), (name, state) -> {
            ChannelState s = state != null ? state : new ChannelState(true);
            synchronized (s) {
                boolean self = selfNodeId.equals(u.nodeId());
                if (s.sockets.containsKey(u.socketId())) {
                    result[0] = new Transition(u, true, null, null, false, false, -1, self ? snapshot(s) : null, false, false);
                    return s;
                }
                Member member = s.members.get(u.userId());
                if (member == null && s.members.size() >= maxPresenceMembers.applyAsInt(u.appId())) {
                    result[0] = Transition.ignored(u);
                    return state;
                }
                PresenceMember added = null;
                if (member == null) {
                    member = new Member(new PresenceMember(u.userId(), u.userInfo()));
                    s.members.put(u.userId(), member);
                    added = member.member;
                }
                member.sockets++;
                s.sockets.put(u.socketId(), new PresenceSocket(u.userId(), u.nodeId()));
                s.total++;
                result[0] = new Transition(u, true, added, null, s.total == 1, false, s.total, self ? snapshot(s) : null,
                        false, false);
                return s;
            }
        });
        return result[0];
    }

    private Transition leave(StateUpdate.PresenceLeft u) {
        AppState app = apps.get(u.appId());
        if (app == null) {
            return Transition.ignored(u);
        }
        Transition[] result = {Transition.ignored(u)};
        app.channels.computeIfPresent(u.channel(), (name, s) -> {
            synchronized (s) {
                if (!s.presence) {
                    return s;
                }
                PresenceSocket socket = s.sockets.remove(u.socketId());
                if (socket == null) {
                    return s;
                }
                String userId = socket.userId();
                Member member = s.members.get(userId);
                String removed = null;
                if (--member.sockets == 0) {
                    s.members.remove(userId);
                    removed = userId;
                }
                s.total--;
                result[0] = new Transition(u, true, null, removed, false, s.total == 0, s.total, null, false, false);
                return s.total == 0 ? null : s;
            }
        });
        return result[0];
    }

    private Transition count(StateUpdate.SubscriptionCount u) {
        if (ChannelType.of(u.channel()).isPresence()) {
            return Transition.ignored(u);
        }
        Transition[] result = {Transition.ignored(u)};
        app(u.appId()).channels.compute(u.channel(), (name, state) -> {
            ChannelState s = state != null ? state : new ChannelState(false);
            synchronized (s) {
                NodeCount previous = s.nodeCounts.get(u.nodeId());
                if (previous != null && previous.sequence() >= u.sequence()) {
                    return state;
                }
                int before = previous == null ? 0 : previous.count();
                if (u.count() == 0) {
                    s.nodeCounts.remove(u.nodeId());
                } else {
                    s.nodeCounts.put(u.nodeId(), new NodeCount(u.count(), u.sequence()));
                }
                long was = s.total;
                s.total += u.count() - before;
                if (s.total != was) {
                    result[0] = new Transition(u, true, null, null, was == 0 && s.total > 0, was > 0 && s.total == 0,
                            s.total, null, false, false);
                }
                return s.nodeCounts.isEmpty() ? null : s;
            }
        });
        return result[0];
    }

    private Transition signedIn(StateUpdate.UserSignedIn u) {
        boolean[] first = new boolean[1];
        boolean[] added = new boolean[1];
        app(u.appId()).users.compute(u.userId(), (id, sockets) -> {
            Map<String, String> s = sockets != null ? sockets : new HashMap<>();
            synchronized (s) {
                first[0] = s.isEmpty();
                added[0] = s.put(u.socketId(), u.nodeId()) == null;
            }
            return s;
        });
        return new Transition(u, added[0], null, null, false, false, -1, null, first[0], false);
    }

    private Transition signedOut(StateUpdate.UserSignedOut u) {
        AppState app = apps.get(u.appId());
        if (app == null) {
            return Transition.ignored(u);
        }
        boolean[] last = new boolean[1];
        boolean[] removed = new boolean[1];
        app.users.computeIfPresent(u.userId(), (id, sockets) -> {
            synchronized (sockets) {
                removed[0] = sockets.remove(u.socketId()) != null;
                last[0] = removed[0] && sockets.isEmpty();
                return sockets.isEmpty() ? null : sockets;
            }
        });
        return new Transition(u, removed[0], null, null, false, false, -1, null, false, last[0]);
    }

    private static List<PresenceMember> snapshot(ChannelState s) {
        List<PresenceMember> members = new ArrayList<>(s.members.size());
        for (Member member : s.members.values()) {
            members.add(member.member);
        }
        return members;
    }
}
