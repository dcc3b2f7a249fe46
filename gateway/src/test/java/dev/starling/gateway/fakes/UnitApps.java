package dev.starling.gateway.fakes;

import java.time.Duration;
import java.util.List;

import dev.starling.gateway.app.App;
import dev.starling.gateway.app.WebhookTarget;

/** Ready-made {@link App}s for pure unit tests. */
public final class UnitApps {

    private UnitApps() {
    }

    /** An enabled app with the usual limits, no origins list and no webhooks. */
    public static App plain(String id) {
        return withWebhooks(id, List.of());
    }

    public static App withWebhooks(String id, List<WebhookTarget> webhooks) {
        return new App(id, id + "-key", id + "-secret", true, true, false, Duration.ofSeconds(30), false, false, -1, 10,
                10240, 100, List.of(), webhooks);
    }

    /** An app with {@code pusher_internal:subscription_count} events on. */
    public static App countingSubscriptions(String id, List<WebhookTarget> webhooks) {
        return new App(id, id + "-key", id + "-secret", true, true, false, Duration.ofSeconds(30), false, true, -1, 10,
                10240, 100, List.of(), webhooks);
    }

    public static App withOrigins(List<String> allowedOrigins) {
        return new App("origins", "origins-key", "origins-secret", true, false, false, Duration.ofSeconds(30), false,
                false, -1, 10, 10240, 100, allowedOrigins, List.of());
    }
}
