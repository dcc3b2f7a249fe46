package dev.starling.gateway.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.starling.protocol.cluster.ChannelMessage;
import dev.starling.protocol.cluster.ControlMessage;
import dev.starling.protocol.cluster.StateUpdate;

/**
 * A {@link ClusterListener} that records what it gets per {@code (app, channel)} — or per {@code (app, user)} for
 * user updates — and detects two calls for the same scope running at once. Optional hooks run inside a call.
 */
public class RecordingListener implements ClusterListener {

    /** One delivery: a message (with its position), a state update, or a task run through {@code execute}. */
    public record Delivery(Object item, String streamId, long position) {

        Delivery(Object item, long position) {
            this(item, null, position);
        }
    }

    /** A state update with the node that published it. */
    public record State(StateUpdate update, String origin) {
    }

    private final Map<String, List<Delivery>> byScope = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inside = new ConcurrentHashMap<>();
    private final List<ControlMessage> controls = new CopyOnWriteArrayList<>();
    private final List<State> states = new CopyOnWriteArrayList<>();
    private final List<String> nodesDown = new CopyOnWriteArrayList<>();
    private final List<ChannelMessage> restored = new CopyOnWriteArrayList<>();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final AtomicInteger deliveries = new AtomicInteger();
    volatile Consumer<ChannelMessage> onMessageHook = m -> {
    };
    volatile Consumer<StateUpdate> onStateHook = u -> {
    };

    static String scope(String appId, String channel) {
        return appId + "/" + channel;
    }

    static String scope(StateUpdate update) {
        return switch (update) {
            case StateUpdate.PresenceJoined u -> scope(u.appId(), u.channel());
            case StateUpdate.PresenceLeft u -> scope(u.appId(), u.channel());
            case StateUpdate.SubscriptionCount u -> scope(u.appId(), u.channel());
            case StateUpdate.UserSignedIn u -> u.appId() + "/#user:" + u.userId();
            case StateUpdate.UserSignedOut u -> u.appId() + "/#user:" + u.userId();
        };
    }

    @Override
    public void onMessage(ChannelMessage message, String streamId, long position) {
        record(scope(message.appId(), message.channel()), new Delivery(message, streamId, position),
                () -> onMessageHook.accept(message));
    }

    @Override
    public void onState(StateUpdate update, String origin) {
        states.add(new State(update, origin));
        record(scope(update), new Delivery(update, -1), () -> onStateHook.accept(update));
    }

    @Override
    public void onNodeDown(String nodeId) {
        nodesDown.add(nodeId);
    }

    @Override
    public void onCacheRestored(ChannelMessage message) {
        restored.add(message);
    }

    @Override
    public void onControl(ControlMessage message) {
        controls.add(message);
        deliveries.incrementAndGet();
    }

    /** A task for {@code execute}: recorded in the scope's sequence like a delivery. */
    Runnable task(String appId, String channel, String name) {
        return () -> record(scope(appId, channel), new Delivery(name, -1), () -> {
        });
    }

    private void record(String scope, Delivery delivery, Runnable hook) {
        AtomicInteger counter = inside.computeIfAbsent(scope, s -> new AtomicInteger());
        if (counter.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
        }
        try {
            // Widen the window in which an overlapping call would be seen.
            Thread.yield();
            List<Delivery> list = byScope.computeIfAbsent(scope, s -> new ArrayList<>());
            synchronized (list) {
                list.add(delivery);
            }
            hook.run();
        } finally {
            counter.decrementAndGet();
            deliveries.incrementAndGet();
        }
    }

    /** What was delivered for the scope so far, in delivery order. */
    public List<Delivery> deliveries(String scope) {
        List<Delivery> list = byScope.get(scope);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    /** Number of deliveries recorded for the scope (read atomically with respect to new deliveries). */
    int size(String scope) {
        return deliveries(scope).size();
    }

    int total() {
        return deliveries.get();
    }

    int overlaps() {
        return overlaps.get();
    }

    public List<ControlMessage> controls() {
        return List.copyOf(controls);
    }

    /** Every state update received, with its origin, in arrival order. */
    public List<State> states() {
        return List.copyOf(states);
    }

    public List<String> nodesDown() {
        return List.copyOf(nodesDown);
    }

    public List<ChannelMessage> restored() {
        return List.copyOf(restored);
    }

    /** The frames of the channel messages delivered for {@code (app, channel)}, in order. */
    public List<String> frames(String appId, String channel) {
        return deliveries(scope(appId, channel)).stream().filter(d -> d.item() instanceof ChannelMessage)
                .map(d -> ((ChannelMessage) d.item()).frame()).toList();
    }

    /** The positions of the channel messages delivered for {@code (app, channel)}, in order. */
    public List<Long> positions(String appId, String channel) {
        return deliveries(scope(appId, channel)).stream().filter(d -> d.item() instanceof ChannelMessage)
                .map(Delivery::position).toList();
    }
}
