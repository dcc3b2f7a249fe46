package dev.starling.push.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.starling.push.config.PushConfig;
import dev.starling.push.delivery.Backoff;
import dev.starling.push.metrics.PushMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * Delivers stored webhook jobs (cluster mode): at or after {@code not_before}, unless cancelled first, the body is
 * POSTed verbatim with the gateway's headers ({@code X-Pusher-Key}, {@code X-Pusher-Signature}), plus
 * {@code Content-Type: application/json} and {@code X-Starling-Webhook-Id: <job id>}, so receivers can drop a
 * duplicate.
 *
 * <p>Guarantees: at least once. A non-2xx answer or a failed request is retried with jittered exponential backoff
 * ({@code initial-backoff} doubling up to {@code max-backoff}) until {@code retry-for} after the job was created,
 * then the job is dead (listed and replayable through the admin API). The state is in PostgreSQL, so a restart
 * mid-retry resumes the retries; a process that dies during a request leaves a lease that runs out, and the job is
 * sent again.
 */
@ApplicationScoped
public class WebhookEngine {

    private static final Logger LOG = Logger.getLogger(WebhookEngine.class);
    public static final String ID_HEADER = "X-Starling-Webhook-Id";

    private final WebhookStore store;
    private final PushMetrics metrics;
    private final Clock clock;
    private final Vertx vertx;
    private final PushConfig config;
    private final PushConfig.Webhooks webhooks;
    private final Backoff backoff;
    private final HttpClient client;
    private final Map<String, WebhookStore.Claimed> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();
    private final AtomicLong pendingGauge = new AtomicLong();
    private volatile boolean running;
    private long pollTimer = -1;

    public WebhookEngine(WebhookStore store, PushMetrics metrics, Clock clock, Vertx vertx, PushConfig config) {
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.vertx = vertx;
        this.config = config;
        this.webhooks = config.webhooks();
        this.backoff = new Backoff(webhooks.initialBackoff(), webhooks.maxBackoff());
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) webhooks.requestTimeout().toMillis())
                .setMaxPoolSize(Math.max(4, webhooks.maxInFlight())));
        metrics.gauge("starling_push_webhooks_pending", "Webhook jobs waiting, retrying or in flight",
                pendingGauge::get);
        metrics.gauge("starling_push_webhooks_in_flight", "Webhook requests in flight", inFlight::size);
    }

    void start(@Observes StartupEvent event) {
        if (config.mode() != PushConfig.Mode.CLUSTER) {
            return;
        }
        running = true;
        pollTimer = vertx.setPeriodic(config.delivery().pollInterval().toMillis(), id -> {
            tick();
            store.pendingCount().subscribe().with(pendingGauge::set, failure -> { });
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (!running) {
            return;
        }
        running = false;
        vertx.cancelTimer(pollTimer);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20); // shutdown only: the last requests finish
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!inFlight.isEmpty()) {
            try {
                store.release(new ArrayList<>(inFlight.keySet())).await().atMost(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.warnf("Could not release webhook leases at shutdown: %s", e.getMessage());
            }
        }
    }

    /** New jobs were stored: look at once. */
    public void wake() {
        if (running && wakeScheduled.compareAndSet(false, true)) {
            vertx.runOnContext(() -> {
                wakeScheduled.set(false);
                tick();
            });
        }
    }

    private void tick() {
        int free = webhooks.maxInFlight() - inFlight.size();
        if (!running || free <= 0 || !claiming.compareAndSet(false, true)) {
            return;
        }
        store.claim(Math.min(free, 100), config.delivery().lease()).subscribe().with(jobs -> {
            claiming.set(false);
            jobs.forEach(this::send);
            if (jobs.size() == Math.min(free, 100)) {
                wake();
            }
        }, failure -> {
            claiming.set(false);
            LOG.warnf("Could not claim webhook jobs: %s", failure.getMessage());
        });
    }

    private void send(WebhookStore.Claimed job) {
        inFlight.put(job.id(), job);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(job.url())
                .setTimeout(webhooks.requestTimeout().toMillis()).putHeader("User-Agent", "Starling-Webhooks");
        job.headers().forEach(options::putHeader);
        options.putHeader("Content-Type", "application/json");
        options.putHeader(ID_HEADER, job.id());
        client.request(options)
                .flatMap(request -> request.send(Buffer.buffer(job.body())))
                .flatMap(response -> response.body().map(ignored -> response.statusCode()))
                .subscribe().with(status -> {
                    if (status >= 200 && status < 300) {
                        metrics.webhookDelivered(Duration.between(job.notBefore(), clock.instant()));
                        finish(job, store.delivered(job.id()));
                    } else {
                        failed(job, "status_" + status);
                    }
                }, failure -> failed(job, "network: " + failure.getClass().getSimpleName()));
    }

    private void failed(WebhookStore.Claimed job, String reason) {
        metrics.webhookFailed(reason);
        Instant next = clock.instant().plus(backoff.delay(job.attempt(), null));
        if (next.isAfter(job.createdAt().plus(webhooks.retryFor()))) {
            LOG.warnf("Webhook %s to %s given up after %d attempts (%s)", job.id(), job.url(), job.attempt(), reason);
            metrics.webhookDeadLettered();
            finish(job, store.dead(job.id(), reason));
        } else {
            finish(job, store.retryAt(job.id(), next, reason));
        }
    }

    private void finish(WebhookStore.Claimed job, io.smallrye.mutiny.Uni<Void> write) {
        write.subscribe().with(ignored -> {
            inFlight.remove(job.id());
            wake();
        }, failure -> {
            LOG.warnf("Could not record webhook %s (%s); it is retried after its lease", job.id(), failure.getMessage());
            inFlight.remove(job.id());
        });
    }
}
