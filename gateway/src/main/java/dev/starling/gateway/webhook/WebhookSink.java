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
     * {@link #emit} with the identity of the state update that caused the transition ({@code cause}, the same on
     * every node), which a durable sink uses to name the job so that every node can refer to it.
     */
    default void emit(App app, WebhookEvent event, String cause) {
        emit(app, event);
    }

    /** {@link #observe} with the cause, see {@link #emit(App, WebhookEvent, String)}. */
    default void observe(App app, WebhookEvent event, String cause) {
        observe(app, event);
    }

    /**
     * A transition ({@code channel_occupied}, {@code channel_vacated}, {@code member_added}, {@code member_removed})
     * that another node reports. Nothing is sent for it here; it keeps the debounce consistent across nodes (a user
     * leaving on one node and coming back on another within the debounce is a comeback on both).
     */
    default void observe(App app, WebhookEvent event) {
    }

    /**
     * Whether every node hands over the transitions it computes ({@link #emit}), not only the one that caused them.
     * A durable sink does: the jobs are named after their cause, so the copies from different nodes are one job to
     * push-service, and the webhook survives the node that caused it even if it dies right after.
     */
    default boolean everyNodeEmits() {
        return false;
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
