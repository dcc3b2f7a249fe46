package dev.starling.gateway.cluster;

import java.util.concurrent.CompletionStage;

import dev.starling.protocol.cluster.ChannelMessage;
import dev.starling.protocol.cluster.ControlMessage;
import dev.starling.protocol.cluster.StateUpdate;

/**
 * The narrow port between the gateway and whatever connects its nodes. Implementations: {@link InMemoryClusterBus}
 * (single node) and, in cluster mode, Kafka. The cluster semantics (presence, counts, transitions) live above it,
 * in {@link ClusterState} and {@link ClusterEvents}, written once.
 *
 * <p>Guarantees every implementation gives:
 * <ul>
 *   <li>Everything published reaches the listener of every live node, including the publisher's own.</li>
 *   <li>Channel messages and state updates of one {@code (app, channel)} — and user updates of one
 *       {@code (app, user)} — are delivered one at a time, in one order that is the same on every node.</li>
 *   <li>A publish completes normally only once the bus has accepted it (so it will be delivered); it completes
 *       exceptionally with {@link ClusterUnavailableException} when it cannot be accepted.</li>
 * </ul>
 */
public interface ClusterBus {

    /** The identity of this node. */
    String nodeId();

    /** Starts delivery to {@code listener}; called once. */
    void start(ClusterListener listener);

    CompletionStage<Void> publish(ChannelMessage message);

    CompletionStage<Void> publish(StateUpdate update);

    CompletionStage<Void> publish(ControlMessage message);

    /**
     * Runs {@code task} on this node in order with the deliveries of {@code (appId, channel)}: after every message
     * already delivered and before any message delivered later. Subscribing uses it so that a new subscriber gets a
     * cache channel's cached event before, never after, a newer event.
     */
    void execute(String appId, String channel, Runnable task);

    /**
     * The stream a channel's messages are positioned in (PROTOCOL-V2.md): opaque, the same on every node, and changed
     * only when continuity is lost (a single node restarted, the events topic recreated).
     */
    String streamId(String appId, String channel);

    /**
     * A serial such that every message of the channel with a greater serial reaches (or has reached) this node's
     * listener: where this node's view of the stream starts.
     */
    long coverageStart(String appId, String channel);

    /** The newest serial of the channel's stream this node has received (of any channel sharing the stream). */
    long position(String appId, String channel);

    /** Whether publishes are currently accepted. */
    boolean isAvailable();

    /**
     * When the bus last became reachable again after an outage (epoch milliseconds), 0 if it never was unreachable.
     * Messages that waited out an outage in the bus are not stale for that wait (see {@code limits.max-delivery-delay}).
     */
    default long recoveredAtMillis() {
        return 0;
    }

    /**
     * Completes once every state update this node published before the call has been delivered back to this node's
     * listener (so the transitions it causes — and their webhooks — are known here). Used by the drain.
     */
    CompletionStage<Void> applied();

    /** Whether this node has read the current cluster state and can answer queries correctly. */
    default boolean isReady() {
        return true;
    }

    /** The nodes currently alive, this one included, sorted. */
    default java.util.SortedSet<String> liveNodes() {
        return new java.util.TreeSet<>(java.util.Set.of(nodeId()));
    }

    /** Stops delivery; pending publishes are flushed first where the implementation can. */
    void stop();
}
