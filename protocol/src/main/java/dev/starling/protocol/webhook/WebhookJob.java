package dev.starling.protocol.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Collections;

/**
 * A message on the {@code {prefix}webhooks} topic, from the gateways to push-service (consumer group
 * {@code push-webhooks}), keyed by {@code appId + "\n" + channel} so a job and its cancel share a partition and
 * arrive in order. Encoded by {@link WebhookJobCodec}.
 */
public sealed interface WebhookJob {

    /**
     * A signed webhook to POST: {@code body} verbatim with {@code headers} (the gateway signed it, so push-service
     * needs no app secret), not before {@code notBeforeMs}, retried until a configured time after {@code createdAtMs}.
     *
     * @param id          unique per job (a UUID); sent as the idempotency header so receivers can drop duplicates
     * @param debounceKey the key a later {@link Cancel} names, or {@code null} for a job that cannot be cancelled
     */
    record Delivery(String id, String appId, String url, Map<String, String> headers, String body, long createdAtMs,
            long notBeforeMs, String debounceKey) implements WebhookJob {

        public Delivery {
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }
    }

    /** Withdraws the job {@code jobId} (debounced under {@code debounceKey}) unless it was already delivered. */
    record Cancel(String debounceKey, String jobId, long atMs) implements WebhookJob {
    }
}
