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
 * <p>Each channel keeps its subscribers grouped by the event loop that owns their socket: a delivery takes an
 * immutable snapshot without allocating and hands each event loop one task for all its subscribers
 * ({@link #deliver}). A delivery sees the subscribers indexed when it was handed out — never one added afterwards, so
 * nobody receives an older event after the confirmation of a newer subscription.
 *
 * <p>A group's array has spare capacity: a subscriber is appended in place beyond what any earlier snapshot reads,
 * and one that leaves has its slot cleared in place (deliveries skip empty slots; one running meanwhile may or may
 * not still reach it). The array is copied only when it is full or mostly empty, so subscribing and unsubscribing
 * cost amortised constant allocation: copying the whole group for each change made 10k subscribers joining or
 * leaving one channel allocate about 200 MB.
 */
@ApplicationScoped
public class LocalSubscriptions {

    private static final Group[] NO_GROUPS = new Group[0];
    private static final int MIN_CAPACITY = 4;

    /**
     * The subscribers of one channel on one event loop: slots {@code [0, used)} of {@code members}, null where one
     * left; {@code live} of them are set. A snapshot: later changes write only slots it does not read or clear one.
     */
    private record Group(Executor loop, Connection[] members, int used, int live) {

        int indexOf(Connection connection) {
            for (int i = 0; i < used; i++) {
                if (members[i] == connection) {
                    return i;
                }
            }
            return -1;
        }

        /** A new array with the live members first and room for {@code capacity}. */
        Connection[] compacted(int capacity) {
            Connection[] copy = new Connection[Math.max(MIN_CAPACITY, capacity)];
            int n = 0;
            for (int i = 0; i < used; i++) {
                if (members[i] != null) {
                    copy[n++] = members[i];
                }
            }
            return copy;
        }
    }

    /** The subscribers of one channel. Changes are serialized by the channel's monitor; reads are lock-free. */
    private static final class LocalChannel {
        private volatile Group[] groups = NO_GROUPS;
        private volatile int size;

        synchronized boolean add(Connection connection) {
            Executor loop = connection.executor();
            Group[] current = groups;
            for (int i = 0; i < current.length; i++) {
                Group group = current[i];
                if (group.loop() == loop) {
                    if (group.indexOf(connection) >= 0) {
                        return false;
                    }
                    Group grown;
                    if (group.used() < group.members().length) {
                        group.members()[group.used()] = connection;
                        grown = new Group(loop, group.members(), group.used() + 1, group.live() + 1);
                    } else {
                        Connection[] members = group.compacted(2 * (group.live() + 1));
                        members[group.live()] = connection;
                        grown = new Group(loop, members, group.live() + 1, group.live() + 1);
                    }
                    Group[] next = current.clone();
                    next[i] = grown;
                    groups = next;
                    size++;
                    return true;
                }
            }
            Group[] next = Arrays.copyOf(current, current.length + 1);
            Connection[] members = new Connection[MIN_CAPACITY];
            members[0] = connection;
            next[current.length] = new Group(loop, members, 1, 1);
            groups = next;
            size++;
            return true;
        }

        synchronized boolean remove(Connection connection) {
            Group[] current = groups;
            for (int i = 0; i < current.length; i++) {
                Group group = current[i];
                int slot = group.indexOf(connection);
                if (slot < 0) {
                    continue;
                }
                Group[] next;
                int live = group.live() - 1;
                if (live == 0) {
                    next = new Group[current.length - 1];
                    System.arraycopy(current, 0, next, 0, i);
                    System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                } else {
                    group.members()[slot] = null;
                    next = current.clone();
                    if (live < group.used() / 4 && group.members().length > 4 * MIN_CAPACITY) {
                        next[i] = new Group(group.loop(), group.compacted(2 * live), live, live);
                    } else {
                        next[i] = new Group(group.loop(), group.members(), group.used(), live);
                    }
                }
                groups = next;
                size--;
                return true;
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
                Connection[] members = group.members();
                for (int i = 0, used = group.used(); i < used; i++) {
                    Connection connection = members[i];
                    if (connection != null) {
                        action.accept(connection);
                    }
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
            int used = group.used();
            int live = group.live();
            count += live;
            group.loop().execute(() -> {
                if (delivery.beforeGroup(live)) {
                    for (int i = 0; i < used; i++) {
                        Connection connection = members[i];
                        if (connection != null) {
                            delivery.deliver(connection);
                        }
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
