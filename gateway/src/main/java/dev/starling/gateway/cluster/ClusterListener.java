package dev.starling.gateway.cluster;

import dev.starling.protocol.cluster.ChannelMessage;
import dev.starling.protocol.cluster.ControlMessage;
import dev.starling.protocol.cluster.StateUpdate;

/** Receives what the {@link ClusterBus} delivers. Calls for one channel never overlap. Must not block. */
public interface ClusterListener {

    /**
     * A channel message was queued for {@link #onMessage} (called by the bus when it hands the message to the
     * channel's stripe, so the listener can account for the work waiting).
     */
    default void onMessageQueued(ChannelMessage message) {
    }

    /**
     * A channel message at its position: {@code serial} increases strictly within {@code streamId} (see
     * {@link ClusterBus#streamId}).
     */
    void onMessage(ChannelMessage message, String streamId, long serial);

    /**
     * Whether the listener can take more channel messages now; a bus that can wait (Kafka) stops reading channel
     * messages while this is false.
     */
    default boolean acceptsMore() {
        return true;
    }

    /**
     * A state update. {@code origin} is the node that published it, which is the one that reports the resulting
     * transitions as webhooks; it differs from {@link StateUpdate#nodeId()} when a node cleans up after a dead one.
     */
    void onState(StateUpdate update, String origin);

    void onControl(ControlMessage message);

    /**
     * A node went away without cleaning up (its lease expired) or said goodbye. Its presence members, subscriptions
     * and signed-in users must be removed — by one live node (removals are idempotent, so two doing it is harmless).
     */
    default void onNodeDown(String nodeId) {
    }

    /** A cache channel's last event, read from the cluster when this node starts (it may be old). */
    default void onCacheRestored(ChannelMessage message) {
    }
}
