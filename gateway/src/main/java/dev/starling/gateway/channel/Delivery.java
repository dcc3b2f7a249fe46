package dev.starling.gateway.channel;

import dev.starling.gateway.connection.Connection;

/**
 * What {@link LocalSubscriptions#deliver} does for one channel frame: {@link #deliver} for each subscriber, on the
 * event loop that owns its socket. The optional hooks let the fan-out skip work that became pointless while it
 * waited (a stale message) and learn when it is over.
 */
@FunctionalInterface
public interface Delivery {

    /** Sends to one subscriber. */
    void deliver(Connection connection);

    /**
     * Called on an event loop before it delivers to its {@code members} subscribers of the channel; false skips
     * them.
     */
    default boolean beforeGroup(int members) {
        return true;
    }

    /** Called once, after every event loop has delivered (or skipped) its subscribers; on the last one's thread. */
    default void completed() {
    }
}
