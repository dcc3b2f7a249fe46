package dev.starling.gateway.channel;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import dev.starling.gateway.connection.Connection;

/**
 * This node's subscribers per {@code (app, channel)}: the index every delivery reads. Entries exist only while a
 * channel has a local subscriber, so the index never grows with channels that were used once.
 *
 * <p>Each channel keeps its subscribers grouped by the event loop that owns their socket, in copy-on-write arrays: a
 * delivery takes an immutable snapshot without allocating and hands each event loop one task for all its
 * subscribers ({@link #deliver}). Subscribing and unsubscribing copy one group. A delivery sees the subscribers
 * indexed when it was handed out — never one added afterwards, so nobody receives an older event after the
 * confirmation of a newer subscription.
 */
@ApplicationScoped
public class LocalSubscriptions {

    private static final Group[] NO_GROUPS = new Group[0];

    /** The subscribers of one channel on one event loop. Immutable. */
    private record Group(Executor loop, Connection[] members) {
    }

    /** The subscribers of one channel. Changes are serialized by the channel's monitor; reads are lock-free. */
    private static final class LocalChannel {
        private volatile Group[] groups = new Group[0];
        private volatile int size;

        synchronized boolean add(Connection connection) {
            Executor loop = connection.executor();
            Group[] current = groups;
            for (int i = 0; i < current.length; i++) {
                if (current[i].loop() == loop) {
                    Connection[] members = current[i].members();
                    for (Connection member : members) {
                        if (member == connection) {
                            return false;
                        }
                    }
                    Connection[] grown = Arrays.copyOf(members, members.length + 1);
                    grown[members.length] = connection;
                    Group[] next = current.clone();
                    next[i] = new Group(loop, grown);
                    groups = next;
                    size++;
                    return true;
                }
            }
            Group[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = new Group(loop, new Connection[] {connection});
            groups = next;
            size++;
            return true;
        }

        synchronized boolean remove(Connection connection) {
            Group[] current = groups;
            for (int i = 0; i < current.length; i++) {
                Connection[] members = current[i].members();
                for (int j = 0; j < members.length; j++) {
                    if (members[j] == connection) {
                        Group[] next;
                        if (members.length == 1) {
                            next = new Group[current.length - 1];
                            System.arraycopy(current, 0, next, 0, i);
                            System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                        } else {
                            Connection[] shrunk = new Connection[members.length - 1];
                            System.arraycopy(members, 0, shrunk, 0, j);
                            System.arraycopy(members, j + 1, shrunk, j, members.length - j - 1);
                            next = current.clone();
                            next[i] = new Group(current[i].loop(), shrunk);
                        }
                        groups = next;
                        size--;
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private final ConcurrentHashMap<String, ConcurrentHashMap<String, LocalChannel>> apps = new ConcurrentHashMap<>();

    public void add(String appId, String channel, Connection connection) {
        apps.computeIfAbsent(appId, id -> new ConcurrentHashMap<>()).compute(channel, (name, local) -> {
            LocalChannel subscribers = local != null ? local : new LocalChannel();
            subscribers.add(connection);
            return subscribers;
        });
    }

    public void remove(String appId, String channel, Connection connection) {
        ConcurrentHashMap<String, LocalChannel> channels = apps.get(appId);
        if (channels != null) {
            channels.computeIfPresent(channel, (name, subscribers) -> {
                subscribers.remove(connection);
                return subscribers.size == 0 ? null : subscribers;
            });
        }
    }

    /** Subscribers of the channel on this node. */
    public int count(String appId, String channel) {
        LocalChannel subscribers = channel(appId, channel);
        return subscribers == null ? 0 : subscribers.size;
    }

    /** Runs {@code action} for every subscriber, on the calling thread. */
    public void forEach(String appId, String channel, Consumer<Connection> action) {
        LocalChannel subscribers = channel(appId, channel);
        if (subscribers != null) {
            for (Group group : subscribers.groups) {
                for (Connection connection : group.members()) {
                    action.accept(connection);
                }
            }
        }
    }

    /**
     * Runs {@code delivery} for every subscriber on the event loop that owns its socket: one task per event loop over
     * the subscribers indexed now, then {@link Delivery#completed()} once all tasks ran (at once when there is no
     * subscriber). Returns the number of subscribers it was handed out to.
     */
    public int deliver(String appId, String channel, Delivery delivery) {
        LocalChannel subscribers = channel(appId, channel);
        Group[] groups = subscribers == null ? NO_GROUPS : subscribers.groups;
        if (groups.length == 0) {
            delivery.completed();
            return 0;
        }
        // One counter per fan-out (not per subscriber), and none when a single event loop holds them all.
        java.util.concurrent.atomic.AtomicInteger left = groups.length == 1 ? null
                : new java.util.concurrent.atomic.AtomicInteger(groups.length);
        int count = 0;
        for (Group group : groups) {
            Connection[] members = group.members();
            count += members.length;
            group.loop().execute(() -> {
                if (delivery.beforeGroup(members.length)) {
                    for (Connection connection : members) {
                        delivery.deliver(connection);
                    }
                }
                if (left == null || left.decrementAndGet() == 0) {
                    delivery.completed();
                }
            });
        }
        return count;
    }

    /** The app's channels with at least one subscriber on this node (a live view). */
    public Iterable<String> channels(String appId) {
        ConcurrentHashMap<String, LocalChannel> channels = apps.get(appId);
        return channels == null ? java.util.List.of() : channels.keySet();
    }

    /** Number of channels with at least one local subscriber, over all apps. */
    public int channelCount() {
        int total = 0;
        for (ConcurrentHashMap<String, LocalChannel> channels : apps.values()) {
            total += channels.size();
        }
        return total;
    }

    /** Subscriptions on this node, over all apps and channels. */
    public long subscriptionCount() {
        long total = 0;
        for (ConcurrentHashMap<String, LocalChannel> channels : apps.values()) {
            for (LocalChannel subscribers : channels.values()) {
                total += subscribers.size;
            }
        }
        return total;
    }

    private LocalChannel channel(String appId, String channel) {
        ConcurrentHashMap<String, LocalChannel> channels = apps.get(appId);
        return channels == null ? null : channels.get(channel);
    }
}
