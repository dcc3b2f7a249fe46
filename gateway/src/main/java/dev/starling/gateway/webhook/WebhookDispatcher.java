package dev.starling.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.starling.gateway.app.App;
import dev.starling.gateway.app.WebhookTarget;
import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.time.GatewayClock;
import dev.starling.protocol.auth.WebhookSignature;
import dev.starling.protocol.webhook.WebhookBody;
import dev.starling.protocol.webhook.WebhookEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * Delivers webhooks over HTTP: one event per POST, body {@code {"time_ms":…,"events":[…]}} signed with the app
 * secret ({@code X-Pusher-Key}, {@code X-Pusher-Signature}), to every target of the app that wants the event.
 *
 * <p>Guarantees: at-least-once per target while the process lives — a non-2xx answer or a failed request is retried
 * with exponential backoff ({@code initial-backoff}, doubling, capped at {@code max-backoff}) until
 * {@code retry-for} has passed since the first attempt, then dropped and logged. Delivery is asynchronous and
 * bounded: at most {@code max-in-flight} requests at once and {@code max-pending} deliveries waiting (new ones are
 * dropped and counted beyond that), so a slow endpoint can never hold up connections.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    private record Delivery(App app, WebhookTarget target, String body, String signature, long firstAttemptMillis,
            int attempt) {

        Delivery next() {
            return new Delivery(app, target, body, signature, firstAttemptMillis, attempt + 1);
        }
    }

    private final GatewayClock clock;
    private final GatewayConfig.Webhooks config;
    private final WebClient client;
    private final ArrayDeque<Delivery> ready = new ArrayDeque<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private int inFlight;

    public WebhookDispatcher(Vertx vertx, GatewayClock clock, GatewayConfig config) {
        this.clock = clock;
        this.config = config.webhooks();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) this.config.requestTimeout().toMillis())
                .setUserAgent("Starling-Webhooks")
                .setMaxPoolSize(Math.max(1, this.config.maxInFlight())));
    }

    /** Queues {@code event} for every target of {@code app} that wants it. Never blocks. */
    public void submit(App app, WebhookEvent event) {
        List<WebhookTarget> targets = app.webhooks().stream().filter(t -> t.wants(event.name())).toList();
        if (targets.isEmpty()) {
            return;
        }
        String body = WebhookBody.encode(clock.millis(), List.of(event));
        String signature = WebhookSignature.sign(app.secret(), body.getBytes(StandardCharsets.UTF_8));
        for (WebhookTarget target : targets) {
            if (pending.incrementAndGet() > config.maxPending()) {
                pending.decrementAndGet();
                if (dropped.incrementAndGet() % 1000 == 1) {
                    LOG.warnf("Webhook queue full (%d pending): dropping %s for app %s (%d dropped so far)",
                            config.maxPending(), event.name(), app.id(), dropped.get());
                }
                continue;
            }
            enqueue(new Delivery(app, target, body, signature, clock.millis(), 1));
        }
    }

    /** Deliveries accepted and not yet finished (waiting, in flight or waiting to retry). */
    public int pending() {
        return pending.get();
    }

    public long delivered() {
        return delivered.get();
    }

    public long failedAttempts() {
        return failedAttempts.get();
    }

    public long dropped() {
        return dropped.get();
    }

    /** Deliveries given up after retrying for {@code retry-for}. */
    public long abandoned() {
        return abandoned.get();
    }

    private void enqueue(Delivery delivery) {
        synchronized (this) {
            ready.add(delivery);
        }
        pump();
    }

    private void pump() {
        while (true) {
            Delivery next;
            synchronized (this) {
                if (inFlight >= config.maxInFlight() || ready.isEmpty()) {
                    return;
                }
                next = ready.poll();
                inFlight++;
            }
            send(next);
        }
    }

    private void send(Delivery delivery) {
        client.postAbs(delivery.target().url().toString())
                .timeout(config.requestTimeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader(WebhookSignature.KEY_HEADER, delivery.app().key())
                .putHeader(WebhookSignature.SIGNATURE_HEADER, delivery.signature())
                .sendBuffer(Buffer.buffer(delivery.body()))
                .onComplete(result -> {
                    synchronized (this) {
                        inFlight--;
                    }
                    int status = result.succeeded() ? result.result().statusCode() : 0;
                    if (status >= 200 && status < 300) {
                        delivered.incrementAndGet();
                        pending.decrementAndGet();
                    } else {
                        retry(delivery, result.succeeded() ? "HTTP " + status : String.valueOf(result.cause()));
                    }
                    pump();
                });
    }

    private void retry(Delivery delivery, String failure) {
        failedAttempts.incrementAndGet();
        Duration backoff = backoff(delivery.attempt());
        long giveUpAt = delivery.firstAttemptMillis() + config.retryFor().toMillis();
        if (clock.millis() + backoff.toMillis() > giveUpAt) {
            pending.decrementAndGet();
            abandoned.incrementAndGet();
            LOG.warnf("Webhook to %s for app %s dropped after %d attempts over %s: last failure %s",
                    delivery.target().url(), delivery.app().id(), delivery.attempt(), config.retryFor(), failure);
            return;
        }
        LOG.debugf("Webhook to %s failed (%s), retry %d in %s", delivery.target().url(), failure, delivery.attempt(),
                backoff);
        clock.schedule(backoff, () -> enqueue(delivery.next()));
    }

    /** Delay before the retry that follows attempt {@code attempt}: initial × 2^(attempt−1), capped. */
    Duration backoff(int attempt) {
        long initial = config.initialBackoff().toMillis();
        long max = config.maxBackoff().toMillis();
        long delay = attempt >= 31 ? max : Math.min(max, initial << (attempt - 1));
        return Duration.ofMillis(delay);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
