package dev.starling.push.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Every {@code starling_push_*} metric, named once here. Counters carry {@code instance} and {@code provider}
 * ({@code web}, {@code fcm}, {@code apns}) where they apply; the latency histogram measures publish accepted →
 * provider accepted.
 */
@ApplicationScoped
public class PushMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public PushMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A publish accepted through {@code source} ({@code http} or {@code kafka}) for {@code target}s. */
    public void accepted(String instance, String target, String source) {
        counter("starling_push_publishes_accepted", "Publishes accepted (durable)", "instance", instance, "target",
                target, "source", source).increment();
    }

    /** A publish refused by the API ({@code reason}: the error kind). */
    public void rejected(String reason) {
        counter("starling_push_publishes_rejected", "Publish requests refused", "reason", reason).increment();
    }

    public void queued(String instance, int deliveries) {
        counter("starling_push_deliveries_queued", "Per-device deliveries queued from publishes", "instance",
                instance).increment(deliveries);
    }

    public void delivered(String instance, String provider, Duration sinceAccepted) {
        counter("starling_push_delivered", "Deliveries the provider accepted", "instance", instance, "provider",
                provider).increment();
        timers.computeIfAbsent("latency:" + provider, k -> Timer.builder("starling_push_delivery_latency")
                .description("Publish accepted to provider accepted").tag("provider", provider)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry)).record(sinceAccepted);
    }

    /** A failed attempt ({@code reason}: status or error kind); it is retried, dead-lettered or pruned after. */
    public void failed(String instance, String provider, String reason) {
        counter("starling_push_failed", "Failed delivery attempts", "instance", instance, "provider", provider,
                "reason", reason).increment();
    }

    public void retried(String instance, String provider) {
        counter("starling_push_retried", "Deliveries scheduled for another attempt", "instance", instance,
                "provider", provider).increment();
    }

    public void pruned(String instance, String provider) {
        counter("starling_push_pruned", "Devices deleted because the provider rejected their token", "instance",
                instance, "provider", provider).increment();
    }

    public void deadLettered(String instance, String provider) {
        counter("starling_push_dead_lettered", "Deliveries given up and kept as dead letters", "instance", instance,
                "provider", provider).increment();
    }

    public void replayed(String kind) {
        counter("starling_push_replayed", "Dead letters replayed through the admin API", "kind", kind).increment();
    }

    public void skipped(String instance, String provider, String reason) {
        counter("starling_push_skipped", "Target devices not sent to (no payload or provider not configured)",
                "instance", instance, "provider", provider, "reason", reason).increment();
    }

    public void clientEvent(String instance, String event) {
        counter("starling_push_client_events", "Delivery and open events reported by the client SDKs", "instance",
                instance, "event", event).increment();
    }

    public void kafkaRecordRejected(String topic) {
        counter("starling_push_kafka_records_rejected", "Kafka records that could not be decoded (skipped)",
                "topic", topic).increment();
    }

    public void webhookReceived(String type) {
        counter("starling_push_webhooks_received", "Webhook jobs and cancels read from Kafka", "type", type)
                .increment();
    }

    public void webhookDelivered(Duration sinceDue) {
        counter("starling_push_webhooks_delivered", "Webhooks delivered (2xx)").increment();
        timers.computeIfAbsent("webhook-latency", k -> Timer.builder("starling_push_webhooks_latency")
                .description("Webhook due (not_before) to delivered").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry)).record(sinceDue);
    }

    public void webhookFailed(String reason) {
        counter("starling_push_webhooks_failed", "Failed webhook attempts", "reason", reason).increment();
    }

    public void webhookCancelled() {
        counter("starling_push_webhooks_cancelled", "Webhook jobs cancelled before delivery").increment();
    }

    public void webhookDeadLettered() {
        counter("starling_push_webhooks_dead_lettered", "Webhook jobs given up after retrying").increment();
    }

    /** A gauge read when scraped. */
    public void gauge(String name, String description, Supplier<Number> value, String... tags) {
        Gauge.builder(name, value).description(description).tags(tags).register(registry);
    }

    private Counter counter(String name, String description, String... tags) {
        String key = name + String.join("\u0000", tags);
        return counters.computeIfAbsent(key, k -> Counter.builder(name).description(description).tags(tags)
                .register(registry));
    }
}
