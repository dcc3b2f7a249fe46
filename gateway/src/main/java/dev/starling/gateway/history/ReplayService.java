package dev.starling.gateway.history;

import java.time.Duration;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.starling.gateway.app.App;
import dev.starling.gateway.cluster.ClusterBus;
import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.time.GatewayClock;
import dev.starling.protocol.frame.Replay;
import dev.starling.protocol.history.HistoryPage;
import dev.starling.protocol.history.HistoryQuery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Attaching protocol-2 subscribers in two steps. {@link #prepare} (any thread, before the subscription is confirmed)
 * reads what memory cannot answer from durable history — in cluster mode only, and waiting a bounded time
 * ({@code history.catch-up-wait}) for history-service and this node's consumer to reach the channel's current
 * position. {@link #plan} then runs on the channel's delivery stripe, where no message of the channel can be
 * delivered meanwhile: it combines the page with what memory holds at that instant, so replayed and live messages
 * meet without gap or duplicate, however publishes race the subscribe.
 */
@ApplicationScoped
public class ReplayService {

    private static final Logger LOG = Logger.getLogger(ReplayService.class);
    private static final Duration RETRY = Duration.ofMillis(25);

    /** What {@link #prepare} read: the request, and a page of durable history if one was needed. */
    public record Prepared(Replay replay, HistoryPage durable, boolean durableFailed) {

        public static Prepared of(Replay replay) {
            return new Prepared(replay, null, false);
        }
    }

    private final ClusterBus bus;
    private final HistoryBuffers buffers;
    private final HistorySource source;
    private final GatewayClock clock;
    private final GatewayConfig.History config;
    private final MeterRegistry registry;
    private final java.util.Map<String, Counter> attaches = new java.util.concurrent.ConcurrentHashMap<>();

    public ReplayService(ClusterBus bus, HistoryBuffers buffers, HistorySource source, GatewayClock clock,
            GatewayConfig config, MeterRegistry registry) {
        this.registry = registry;
        this.bus = bus;
        this.buffers = buffers;
        this.source = source;
        this.clock = clock;
        this.config = config.history();
    }

    /** Reads what attaching to {@code channel} with {@code replay} needs, then calls {@code ready} (on any thread). */
    public void prepare(App app, String channel, Replay replay, Consumer<Prepared> ready) {
        if (source.isLocal()) {
            ready.accept(Prepared.of(replay));
            return;
        }
        long deadline = clock.millis() + config.catchUpWait().toMillis();
        awaitPosition(app, channel, replay, deadline, () -> {
            String streamId = bus.streamId(app.id(), channel);
            if (AttachPlan.memorySuffices(replay, buffers.snapshot(app.id(), channel), false,
                    bus.coverageStart(app.id(), channel), streamId, clock.millis(), app.history())) {
                ready.accept(Prepared.of(replay));
                return;
            }
            read(app, channel, replay, query(streamId, replay, app), bus.position(app.id(), channel), deadline, ready);
        });
    }

    /** The plan for a subscriber attaching now. Must run on the channel's delivery stripe. */
    public AttachPlan plan(App app, String channel, Prepared prepared) {
        AttachPlan plan = AttachPlan.of(new AttachPlan.Inputs(channel, bus.streamId(app.id(), channel), prepared.replay(),
                buffers.snapshot(app.id(), channel), prepared.durable(), prepared.durableFailed(), source.isLocal(),
                bus.coverageStart(app.id(), channel), bus.position(app.id(), channel), clock.millis(), app.history(),
                config.maxReplay()));
        String kind = switch (prepared.replay()) {
            case Replay.Resume resume -> "resume";
            case Replay.RewindCount count -> "rewind";
            case Replay.RewindSeconds seconds -> "rewind";
            default -> "none";
        };
        attaches.computeIfAbsent(kind + ' ' + plan.outcome(), key -> Counter.builder("starling.attaches")
                .tag("kind", kind).tag("outcome", plan.outcome())
                .description("Protocol-2 subscriptions attached, by the replay asked for and its outcome")
                .register(registry)).increment();
        return plan;
    }

    /** A resume from another node may be ahead of what this node has read yet: wait (bounded) until it is not. */
    private void awaitPosition(App app, String channel, Replay replay, long deadline, Runnable then) {
        if (replay instanceof Replay.Resume resume && resume.streamId().equals(bus.streamId(app.id(), channel))
                && resume.serial() > bus.position(app.id(), channel) && clock.millis() < deadline) {
            clock.schedule(RETRY, () -> awaitPosition(app, channel, replay, deadline, then));
            return;
        }
        then.run();
    }

    private void read(App app, String channel, Replay replay, HistoryQuery query, long target, long deadline,
            Consumer<Prepared> ready) {
        source.query(app.id(), channel, query).whenComplete((page, error) -> {
            if (error != null) {
                LOG.debugf("History of %s/%s unavailable: %s", app.id(), channel, error.getMessage());
                ready.accept(new Prepared(replay, null, true));
            } else if (page.writtenThrough() < target && clock.millis() < deadline) {
                // history-service has not written what this node has already delivered: give it a moment.
                clock.schedule(RETRY, () -> read(app, channel, replay, query, target, deadline, ready));
            } else {
                ready.accept(new Prepared(replay, page, false));
            }
        });
    }

    private HistoryQuery query(String streamId, Replay replay, App app) {
        HistoryQuery backwards = HistoryQuery.backwards(streamId);
        return switch (replay) {
            case Replay.None none -> backwards.limit(1);
            case Replay.RewindCount count -> backwards.limit(Math.max(1, Math.min(count.count(),
                    app.history().maxRewind())));
            case Replay.RewindSeconds seconds -> backwards.since(clock.millis() - seconds.seconds() * 1000)
                    .limit(config.maxReplay() + 1L);
            case Replay.Resume resume -> HistoryQuery.forwards(streamId).after(resume.serial())
                    .limit(config.maxReplay());
            case Replay.Malformed malformed -> throw new IllegalArgumentException(malformed.reason());
        };
    }
}
