package dev.starling.gateway.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.starling.gateway.util.Striped;

import dev.starling.protocol.cluster.ChannelMessage;
import dev.starling.protocol.cluster.ControlMessage;
import dev.starling.protocol.cluster.StateUpdate;

/**
 * The single-node bus: publishes are delivered to this node's listener right away, serialized per stripe of
 * {@code (app, channel)} (or {@code (app, user)}) so one channel's messages and updates are applied one at a time
 * and in publish order. Positions are a per-stripe counter (so a channel's serials increase but skip the serials of
 * other channels in its stripe), in one stream per process.
 */
public final class InMemoryClusterBus implements ClusterBus {

    private static final int STRIPES = 256;

    private final String nodeId;
    private final Striped stripes = new Striped(STRIPES);
    private final AtomicLongArray positions = new AtomicLongArray(STRIPES);
    /** One stream per process: history lives in memory, so a restart is a new stream. */
    private final String streamId = "m-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    private volatile ClusterListener listener;

    public InMemoryClusterBus(String nodeId) {
        this.nodeId = nodeId;
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public void start(ClusterListener listener) {
        this.listener = listener;
    }

    @Override
    public CompletionStage<Void> publish(ChannelMessage message) {
        ClusterListener target = listener;
        if (target == null) {
            return notRunning();
        }
        int stripe = stripes.index(message.appId(), message.channel());
        target.onMessageQueued(message);
        // The serial is taken on the stripe, so serials follow the channel's delivery order.
        stripes.stripe(stripe).execute(() -> target.onMessage(message, streamId, positions.incrementAndGet(stripe)));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> publish(StateUpdate update) {
        ClusterListener target = listener;
        if (target == null) {
            return notRunning();
        }
        stripes.execute(update.appId(), Scopes.of(update), () -> target.onState(update, nodeId));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> publish(ControlMessage message) {
        ClusterListener target = listener;
        if (target == null) {
            return notRunning();
        }
        target.onControl(message);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public String streamId(String appId, String channel) {
        return streamId;
    }

    @Override
    public long coverageStart(String appId, String channel) {
        return 0; // serials start at 1 and this node sees every one
    }

    @Override
    public long position(String appId, String channel) {
        return positions.get(stripes.index(appId, channel));
    }

    @Override
    public CompletionStage<Void> applied() {
        return stripes.drained(); // updates are applied on their stripe, in order
    }

    @Override
    public boolean isAvailable() {
        return listener != null;
    }

    /** Later publishes are refused; those already accepted are still delivered. */
    @Override
    public void stop() {
        listener = null;
    }

    @Override
    public void execute(String appId, String channel, Runnable task) {
        stripes.execute(appId, channel, task);
    }

    private static CompletionStage<Void> notRunning() {
        return CompletableFuture.failedFuture(
                new ClusterUnavailableException("The in-memory cluster bus is not running", null));
    }
}
