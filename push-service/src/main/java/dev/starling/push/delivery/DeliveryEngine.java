package dev.starling.push.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.protocol.json.Json;
import dev.starling.push.config.PushConfig;
import dev.starling.push.device.Platform;
import dev.starling.push.instance.Instance;
import dev.starling.push.instance.Instances;
import dev.starling.push.metrics.PushMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Moves accepted publishes to the providers. Each tick (every {@code poll-interval}, or at once when woken by a new
 * publish) it expands pending publishes into per-device deliveries, then, for every (instance, provider) lane with
 * free slots, claims due deliveries and sends them.
 *
 * <p>Guarantees: every accepted publish reaches every target device at least once while the device's token is valid
 * and the provider accepts it within {@code delivery.max-age}; otherwise it ends as a dead letter (or the device is
 * pruned). Lanes are independent: a provider (or one instance's endpoint) that hangs fills only its own lane's
 * {@code max-in-flight} slots, each bounded by its request timeout, and never delays another lane. No order is
 * guaranteed between publishes.
 */
@ApplicationScoped
public class DeliveryEngine {

    private static final Logger LOG = Logger.getLogger(DeliveryEngine.class);
    private static final int EXPAND_BATCH = 50;
    private static final int COMPLETE_BATCH = 200;
    private static final long WAKE_DELAY_MS = 5;

    private record LaneKey(String instanceId, Platform platform) {
    }

    private static final class Lane {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicBoolean claiming = new AtomicBoolean();
    }

    private final DeliveryStore store;
    private final Instances instances;
    private final PushMetrics metrics;
    private final Clock clock;
    private final Vertx vertx;
    private final PushConfig.Delivery config;
    private final Backoff backoff;
    private final Map<Platform, PushProvider> providers = new EnumMap<>(Platform.class);
    private final Map<LaneKey, Lane> lanes = new ConcurrentHashMap<>();
    private final Map<Long, Task> inFlight = new ConcurrentHashMap<>();
    private final List<Long> completed = new ArrayList<>();
    private final AtomicBoolean expanding = new AtomicBoolean();
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();
    private final AtomicLong pendingGauge = new AtomicLong();
    private volatile boolean running;
    private long pollTimer = -1;
    private long gaugeTimer = -1;

    public DeliveryEngine(DeliveryStore store, Instances instances, PushMetrics metrics, Clock clock, Vertx vertx,
            PushConfig config, @Any jakarta.enterprise.inject.Instance<PushProvider> providers) {
        this.store = store;
        this.instances = instances;
        this.metrics = metrics;
        this.clock = clock;
        this.vertx = vertx;
        this.config = config.delivery();
        this.backoff = new Backoff(this.config.initialBackoff(), this.config.maxBackoff());
        providers.forEach(provider -> this.providers.put(provider.platform(), provider));
        for (PushProvider provider : this.providers.values()) {
            metrics.gauge("starling_push_in_flight", "Deliveries being sent", () -> inFlight.values().stream()
                    .filter(t -> t.platform() == provider.platform()).count(), "provider", provider.platform().wire());
        }
        metrics.gauge("starling_push_pending_deliveries", "Deliveries waiting, retrying or in flight (all replicas)",
                pendingGauge::get);
    }

    void start(@Observes StartupEvent event) {
        // Builds the instances (VAPID keys from PostgreSQL) here, on the main thread, before any tick needs them on
        // the event loop: their blocking start-up read must never run there.
        instances.all();
        running = true;
        pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> tick());
        gaugeTimer = vertx.setPeriodic(5_000, id -> store.pendingCount().subscribe().with(pendingGauge::set,
                failure -> { }));
        wake();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        vertx.cancelTimer(pollTimer);
        vertx.cancelTimer(gaugeTimer);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20); // shutdown only: the providers finish their last requests
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Long> held = new ArrayList<>(inFlight.keySet());
        try {
            flushCompleted().await().atMost(Duration.ofSeconds(5));
            if (!held.isEmpty()) {
                store.release(held).await().atMost(Duration.ofSeconds(5));
                LOG.infof("Released %d deliveries still in flight at shutdown; they will be retried", held.size());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not release the leases at shutdown (%s); they expire after %s", e.getMessage(),
                    config.lease());
        }
    }

    /**
     * Runs a tick within a few milliseconds: a publish was just stored, or a lane has room. Wakes are coalesced, so
     * a burst of publishes is expanded and claimed in batches rather than one query round per publish.
     */
    public void wake() {
        if (running && wakeScheduled.compareAndSet(false, true)) {
            vertx.setTimer(WAKE_DELAY_MS, id -> {
                wakeScheduled.set(false);
                tick();
            });
        }
    }

    private void tick() {
        if (!running) {
            return;
        }
        expandPending();
        for (Instance instance : instances.all()) {
            for (PushProvider provider : providers.values()) {
                if (provider.configured(instance)) {
                    claim(instance, provider);
                }
            }
        }
    }

    private void expandPending() {
        if (!expanding.compareAndSet(false, true)) {
            return;
        }
        store.expand(EXPAND_BATCH, this::platformsFor).subscribe().with(expanded -> {
            expanding.set(false);
            expanded.forEach(e -> metrics.queued(e.instanceId(), e.deliveries()));
            if (!expanded.isEmpty()) {
                wake();
            }
        }, failure -> {
            expanding.set(false);
            LOG.warnf("Could not expand publishes: %s", failure.getMessage());
        });
    }

    private String[] platformsFor(String instanceId, String request) {
        Instance instance = instances.find(instanceId).orElse(null);
        if (instance == null) {
            LOG.warnf("Publish for unknown instance %s dropped", instanceId);
            return new String[0];
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(request);
        } catch (Exception e) {
            return new String[0];
        }
        List<String> platforms = new ArrayList<>(3);
        for (Platform platform : Platform.values()) {
            if (!root.has(platform.publishKey())) {
                continue;
            }
            PushProvider provider = providers.get(platform);
            if (provider != null && provider.configured(instance)) {
                platforms.add(platform.wire());
            } else {
                metrics.skipped(instanceId, platform.wire(), "not_configured");
            }
        }
        return platforms.toArray(String[]::new);
    }

    private void claim(Instance instance, PushProvider provider) {
        Lane lane = lanes.computeIfAbsent(new LaneKey(instance.id(), provider.platform()), k -> new Lane());
        int free = provider.maxInFlight() - lane.inFlight.get();
        if (free <= 0 || !lane.claiming.compareAndSet(false, true)) {
            return;
        }
        store.claim(instance.id(), provider.platform(), Math.min(free, config.batchSize()), config.lease())
                .subscribe().with(tasks -> {
                    lane.claiming.set(false);
                    for (Task task : tasks) {
                        lane.inFlight.incrementAndGet();
                        inFlight.put(task.id(), task);
                        send(instance, provider, lane, task);
                    }
                    if (tasks.size() == Math.min(free, config.batchSize()) && running) {
                        wake();
                    }
                }, failure -> {
                    lane.claiming.set(false);
                    LOG.warnf("Could not claim %s deliveries of %s: %s", provider.platform().wire(), instance.id(),
                            failure.getMessage());
                });
    }

    private void send(Instance instance, PushProvider provider, Lane lane, Task task) {
        Uni<Outcome> attempt;
        try {
            attempt = provider.send(instance, task);
        } catch (RuntimeException e) {
            attempt = Uni.createFrom().failure(e);
        }
        attempt.onFailure().recoverWithItem(e -> new Outcome.Retry("error: " + e.getClass().getSimpleName(), null))
                .subscribe().with(outcome -> finish(instance, provider, lane, task, outcome));
    }

    private void finish(Instance instance, PushProvider provider, Lane lane, Task task, Outcome outcome) {
        String wire = provider.platform().wire();
        Uni<Void> write = switch (outcome) {
            case Outcome.Delivered ignored -> {
                metrics.delivered(instance.id(), wire, Duration.between(task.acceptedAt(), clock.instant()));
                yield complete(task.id());
            }
            case Outcome.Retry retry -> {
                metrics.failed(instance.id(), wire, retry.reason());
                Instant next = clock.instant().plus(backoff.delay(task.attempt(), retry.retryAfter()));
                if (Duration.between(task.acceptedAt(), next).compareTo(config.maxAge()) > 0) {
                    metrics.deadLettered(instance.id(), wire);
                    yield store.deadLetter(task, "gave up after " + task.attempt() + " attempts: " + retry.reason());
                }
                metrics.retried(instance.id(), wire);
                yield store.retryLater(task.id(), next, retry.reason());
            }
            case Outcome.Prune prune -> {
                metrics.failed(instance.id(), wire, prune.reason());
                yield store.prune(task.deviceId(), task.token()).flatMap(pruned -> {
                    if (pruned) {
                        metrics.pruned(instance.id(), wire);
                        return Uni.createFrom().voidItem();
                    }
                    // The device registered a new token meanwhile: send again with it.
                    return store.retryLater(task.id(), clock.instant(), prune.reason());
                });
            }
            case Outcome.Fail fail -> {
                metrics.failed(instance.id(), wire, fail.reason());
                metrics.deadLettered(instance.id(), wire);
                yield store.deadLetter(task, fail.reason());
            }
        };
        write.subscribe().with(ignored -> done(lane, task), failure -> {
            // The lease runs out and the delivery is attempted again: at least once, never lost.
            LOG.warnf("Could not record the outcome of delivery %d (%s); it will be retried after its lease",
                    task.id(), failure.getMessage());
            done(lane, task);
        });
    }

    private void done(Lane lane, Task task) {
        inFlight.remove(task.id());
        lane.inFlight.decrementAndGet();
        wake();
    }

    /** Successful deliveries are deleted in batches: one statement per up to 200, at most a few ms later. */
    private Uni<Void> complete(long id) {
        boolean first;
        synchronized (completed) {
            first = completed.isEmpty();
            completed.add(id);
            if (completed.size() >= COMPLETE_BATCH) {
                return flushCompleted();
            }
        }
        if (first) {
            vertx.setTimer(5, t -> flushCompleted().subscribe().with(ok -> { }, failure -> LOG.warnf(
                    "Could not delete delivered rows (%s); they will be sent again after their lease",
                    failure.getMessage())));
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> flushCompleted() {
        List<Long> batch;
        synchronized (completed) {
            if (completed.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            batch = new ArrayList<>(completed);
            completed.clear();
        }
        return store.delivered(batch);
    }
}
