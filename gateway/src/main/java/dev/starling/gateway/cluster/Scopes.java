package dev.starling.gateway.cluster;

import dev.starling.protocol.cluster.StateUpdate;

/**
 * The ordering scope of a state update: its channel, or {@code #user:<id>} for sign-in updates. Updates (and channel
 * messages) with the same {@code (app, scope)} are delivered one at a time, in the same order on every node.
 */
public final class Scopes {

    private Scopes() {
    }

    public static String of(StateUpdate update) {
        return switch (update) {
            case StateUpdate.PresenceJoined u -> u.channel();
            case StateUpdate.PresenceLeft u -> u.channel();
            case StateUpdate.SubscriptionCount u -> u.channel();
            case StateUpdate.UserSignedIn u -> user(u.userId());
            case StateUpdate.UserSignedOut u -> user(u.userId());
        };
    }

    public static String user(String userId) {
        return "#user:" + userId;
    }
}
