package dev.starling.protocol.cluster;

/**
 * A change to the shared cluster state: presence membership per socket, per-node subscription counts and signed-in
 * sockets per user. Every node applies the same ordered stream of updates per channel (and per user), so every node
 * derives the same transitions (first/last member, occupied/vacated, online/offline).
 *
 * <p>Every update names the node it describes ({@code nodeId}); the node that published it is the one that reports
 * the resulting transitions as webhooks.
 */
public sealed interface StateUpdate {

    String appId();

    String nodeId();

    /** A socket joined a presence channel as {@code userId}; {@code userInfo} is raw JSON or {@code null}. */
    record PresenceJoined(String appId, String channel, String socketId, String nodeId, String userId, String userInfo)
            implements StateUpdate {
    }

    /** A socket left a presence channel (unsubscribe or disconnect). */
    record PresenceLeft(String appId, String channel, String socketId, String nodeId) implements StateUpdate {
    }

    /**
     * The number of sockets of {@code nodeId} subscribed to a non-presence channel (0 removes the node's entry).
     * {@code sequence} increases with every count the node publishes; an update not newer than the node's current
     * entry for the channel is ignored, which makes a replayed duplicate harmless. Counts of one node and channel
     * are published one at a time and the bus keeps their order, so an older count never arrives after a newer one.
     */
    record SubscriptionCount(String appId, String channel, String nodeId, int count, long sequence) implements StateUpdate {
    }

    /** A socket signed in as {@code userId}. */
    record UserSignedIn(String appId, String userId, String socketId, String nodeId) implements StateUpdate {
    }

    /** A signed-in socket went away. */
    record UserSignedOut(String appId, String userId, String socketId, String nodeId) implements StateUpdate {
    }
}
