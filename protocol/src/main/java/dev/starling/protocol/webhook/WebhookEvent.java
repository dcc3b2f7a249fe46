package dev.starling.protocol.webhook;

/**
 * The events a Pusher webhook reports, each encoded by {@link WebhookBody} in Pusher's exact shape.
 * {@link #name()} is the wire name, also used by per-webhook event filters.
 */
public sealed interface WebhookEvent {

    String name();

    String channel();

    record ChannelOccupied(String channel) implements WebhookEvent {
        public String name() {
            return "channel_occupied";
        }
    }

    record ChannelVacated(String channel) implements WebhookEvent {
        public String name() {
            return "channel_vacated";
        }
    }

    record MemberAdded(String channel, String userId) implements WebhookEvent {
        public String name() {
            return "member_added";
        }
    }

    record MemberRemoved(String channel, String userId) implements WebhookEvent {
        public String name() {
            return "member_removed";
        }
    }

    /** {@code userId} is set on presence channels only, {@code null} otherwise; {@code data} may be {@code null}. */
    record ClientEvent(String channel, String event, String data, String socketId, String userId) implements WebhookEvent {
        public String name() {
            return "client_event";
        }
    }

    record CacheMiss(String channel) implements WebhookEvent {
        public String name() {
            return "cache_miss";
        }
    }

    record SubscriptionCount(String channel, long subscriptionCount) implements WebhookEvent {
        public String name() {
            return "subscription_count";
        }
    }

    /** All wire names, for validating configured event filters. */
    static java.util.Set<String> names() {
        return java.util.Set.of("channel_occupied", "channel_vacated", "member_added", "member_removed", "client_event",
                "cache_miss", "subscription_count");
    }
}
