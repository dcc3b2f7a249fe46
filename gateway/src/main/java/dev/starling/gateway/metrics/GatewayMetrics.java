package dev.starling.gateway.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.starling.gateway.app.App;
import dev.starling.gateway.app.AppRegistry;
import dev.starling.gateway.app.AppsChanged;
import dev.starling.gateway.channel.LocalSubscriptions;
import dev.starling.gateway.cluster.ClusterBus;
import dev.starling.gateway.connection.ConnectionRegistry;
import dev.starling.gateway.connection.Traffic;
import dev.starling.gateway.load.DeliveryBacklog;
import dev.starling.gateway.webhook.WebhookDispatcher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * The gateway's metrics ({@code starling_*} on the management port's {@code /metrics}).
 *
 * <p>Gauges are read from the live state when scraped (connections, subscriptions, channels, per-app connections),
 * never kept as separate up/down counters, so they cannot drift from the truth under churn. Counters on hot paths are
 * adders read by function counters. Latency is measured once per broadcast per node, not per subscriber.
 */
@Startup
@ApplicationScoped
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final ConnectionRegistry connections;
    private final Traffic traffic = new Traffic();
    private final LongAdder broadcasts = new LongAdder();
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder droppedStale = new LongAdder();
    private final Counter opened;
    private final Counter publishesOverloaded;
    private final Timer deliveryLatency;
    private final Timer fanoutDuration;
    private final Map<String, Counter> closedByCode = new ConcurrentHashMap<>();
    private final Map<String, Counter> refusedByCode = new ConcurrentHashMap<>();
    private final Map<String, Counter> clientEvents = new ConcurrentHashMap<>();
    private final Map<String, Counter> apiRequests = new ConcurrentHashMap<>();
    private final Map<String, Gauge> appGauges = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry, ConnectionRegistry connections, LocalSubscriptions local,
            AppRegistry apps, WebhookDispatcher webhooks, ClusterBus bus, DeliveryBacklog backlog) {
        this.registry = registry;
        this.connections = connections;
        Gauge.builder("starling.connections", connections, ConnectionRegistry::count)
                .description("Open client connections on this node").register(registry);
        Gauge.builder("starling.subscriptions", local, LocalSubscriptions::subscriptionCount)
                .description("Channel subscriptions on this node").register(registry);
        Gauge.builder("starling.channels", local, LocalSubscriptions::channelCount)
                .description("Channels with at least one subscriber on this node").register(registry);
        Gauge.builder("starling.connections.limit", connections, ConnectionRegistry::limit)
                .description("Connections this node accepts at most (limits.max-connections, or derived from the "
                        + "open-file limit)").register(registry);
        Gauge.builder("starling.pending.messages", backlog, DeliveryBacklog::pending)
                .description("Channel messages handed to this node and not yet delivered to all its subscribers")
                .register(registry);
        counter("starling.deliveries.dropped", droppedStale, "reason", "stale",
                "Deliveries dropped because the message waited longer than limits.max-delivery-delay");
        publishesOverloaded = Counter.builder("starling.publishes.refused").tag("reason", "overloaded")
                .description("HTTP publishes refused with 503 because the delivery backlog was full")
                .register(registry);
        fanoutDuration = Timer.builder("starling.fanout.duration")
                .description("Time from a publish being accepted to its frame written to this node's last local "
                        + "subscriber (millisecond resolution of the accepting node's clock)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        Gauge.builder("starling.cluster.nodes", bus, b -> b.liveNodes().size())
                .description("Live gateway nodes in the cluster, as this node sees them").register(registry);
        opened = Counter.builder("starling.connections.opened").description("Connections accepted").register(registry);
        FunctionCounter.builder("starling.messages.received", traffic, t -> t.framesReceived())
                .description("Frames received from clients").register(registry);
        FunctionCounter.builder("starling.messages.sent", traffic, t -> t.framesSent())
                .description("Frames queued to clients").register(registry);
        FunctionCounter.builder("starling.received", traffic, t -> t.bytesReceived()).baseUnit("bytes")
                .description("Bytes received from clients").register(registry);
        FunctionCounter.builder("starling.sent", traffic, t -> t.bytesSent()).baseUnit("bytes")
                .description("Bytes queued to clients").register(registry);
        counter("starling.slow.consumer.closes", traffic.slowConsumerCloses,
                "Connections closed with 4100 because their outbound queue was full");
        counter("starling.broadcasts", broadcasts, "Channel messages delivered by this node");
        counter("starling.deliveries", deliveries, "Channel message frames queued to subscribers");
        deliveryLatency = Timer.builder("starling.delivery.latency")
                .description("Time from the publish being accepted to its delivery to this node's subscribers")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        FunctionCounter.builder("starling.webhooks", webhooks, WebhookDispatcher::delivered).tag("result", "delivered")
                .description("Webhook requests by outcome").register(registry);
        FunctionCounter.builder("starling.webhooks", webhooks, WebhookDispatcher::failedAttempts).tag("result", "failed")
                .description("Webhook requests by outcome").register(registry);
        FunctionCounter.builder("starling.webhooks", webhooks, WebhookDispatcher::dropped).tag("result", "dropped")
                .description("Webhook requests by outcome").register(registry);
        FunctionCounter.builder("starling.webhooks", webhooks, WebhookDispatcher::abandoned).tag("result", "abandoned")
                .description("Webhook requests by outcome").register(registry);
        Gauge.builder("starling.webhooks.pending", webhooks, WebhookDispatcher::pending)
                .description("Webhooks waiting for delivery or retry").register(registry);
        apps.all().forEach(this::appGauge);
    }

    /** The counters every connection updates. */
    public Traffic traffic() {
        return traffic;
    }

    public void opened() {
        opened.increment();
    }

    /** A connection ended with {@code code} (sent by either side; 1006 when it was dropped without a close). */
    public void closed(int code) {
        byCode(closedByCode, "starling.connections.closed", "Connections closed, by close code", code).increment();
    }

    /** A connection was refused at open with {@code code} (4001 unknown app, 4004 quota, …). */
    public void refused(int code) {
        byCode(refusedByCode, "starling.connections.refused", "Connections refused at open, by close code", code)
                .increment();
    }

    /** A channel message reached {@code recipients} subscribers here; {@code publishedAtMillis} is when it was accepted. */
    public void broadcast(long publishedAtMillis, int recipients, long nowMillis) {
        broadcasts.increment();
        deliveries.add(recipients);
        if (publishedAtMillis > 0) {
            deliveryLatency.record(Math.max(0, nowMillis - publishedAtMillis), TimeUnit.MILLISECONDS);
        }
    }

    /** A message was fanned out here; its frame was written to the last local subscriber at {@code nowMillis}. */
    public void fanout(long publishedAtMillis, long nowMillis) {
        if (publishedAtMillis > 0) {
            fanoutDuration.record(Math.max(0, nowMillis - publishedAtMillis), TimeUnit.MILLISECONDS);
        }
    }

    /** {@code subscribers} did not get a message because it was older than the delivery bound. */
    public void droppedStale(int subscribers) {
        droppedStale.add(subscribers);
    }

    /** An HTTP publish was refused because the node is overloaded. */
    public void publishRefusedOverloaded() {
        publishesOverloaded.increment();
    }

    /** A client event's outcome: {@code accepted}, {@code rejected} or {@code rate_limited}. */
    public void clientEvent(String result) {
        clientEvents.computeIfAbsent(result, r -> Counter.builder("starling.client.events").tag("result", r)
                .description("Client events by outcome").register(registry)).increment();
    }

    /** An HTTP API call answered with {@code status}. */
    public void apiRequest(String route, int status) {
        apiRequests.computeIfAbsent(route + ' ' + status, key -> Counter.builder("starling.api.requests")
                .tag("route", route).tag("status", Integer.toString(status))
                .description("HTTP API requests by route and status").register(registry)).increment();
    }

    void onAppsChanged(@Observes AppsChanged changes) {
        for (App removed : changes.removed()) {
            Gauge gauge = appGauges.remove(removed.id());
            if (gauge != null) {
                registry.remove(gauge);
            }
        }
    }

    /** Registers the per-app connection gauge for an app (also for apps added by a reload, on first connection). */
    public void appGauge(App app) {
        appGauges.computeIfAbsent(app.id(), id -> Gauge.builder("starling.app.connections", connections,
                        c -> c.count(id)).tag("app", id).description("Open connections per app on this node")
                .register(registry));
    }

    private void counter(String name, LongAdder adder, String description) {
        FunctionCounter.builder(name, adder, LongAdder::doubleValue).description(description).register(registry);
    }

    private void counter(String name, LongAdder adder, String tag, String value, String description) {
        FunctionCounter.builder(name, adder, LongAdder::doubleValue).tag(tag, value).description(description)
                .register(registry);
    }

    private Counter byCode(Map<String, Counter> counters, String name, String description, int code) {
        String tag = code >= 1000 && code <= 4999 ? Integer.toString(code) : "other";
        return counters.computeIfAbsent(tag, c -> Counter.builder(name).tag("code", c).description(description)
                .register(registry));
    }
}
