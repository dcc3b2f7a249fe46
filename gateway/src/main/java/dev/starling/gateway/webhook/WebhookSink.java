package dev.starling.gateway.webhook;

import dev.starling.gateway.app.App;
import dev.starling.protocol.webhook.WebhookEvent;

/**
 * Where the gateway hands the webhook events it generates. Generation (deciding that a transition happened, once in
 * the cluster) is separate from delivery (debounce, signing, retries), so delivery can move to another service
 * without touching the connection path.
 *
 * <p>{@link #emit} never blocks and never fails the caller: a full queue drops the event and counts it.
 */
public interface WebhookSink {

    void emit(App app, WebhookEvent event);

    /**
     * A transition ({@code channel_occupied}, {@code channel_vacated}, {@code member_added}, {@code member_removed})
     * that another node reports. Nothing is sent for it here; it keeps the debounce consistent across nodes (a user
     * leaving on one node and coming back on another within the debounce is a comeback on both).
     */
    default void observe(App app, WebhookEvent event) {
    }

    /** Whether {@code app} has a webhook target for events named {@code eventName} (to skip building unwanted ones). */
    static boolean wanted(App app, String eventName) {
        for (var target : app.webhooks()) {
            if (target.wants(eventName)) {
                return true;
            }
        }
        return false;
    }
}
