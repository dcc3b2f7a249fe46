package dev.starling.history.retention;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.starling.history.config.HistoryConfig;
import dev.starling.history.metrics.HistoryMetrics;
import dev.starling.history.store.RetentionStore;
import dev.starling.history.store.RetentionStore.ChannelCount;
import dev.starling.history.store.StoreContext;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Enforces retention every {@code retention.interval}: first by age (per app), then by count (per channel and
 * stream, only channels whose exact row count exceeds their app's limit), then forgets channels left empty.
 *
 * <p>Bounded: every statement deletes at most {@code retention.delete-batch} rows in its own short transaction, and
 * one run deletes at most {@code retention.max-deletes-per-run}; what is left waits for the next run. Between runs
 * a channel may therefore hold more than its limits for up to one interval (longer if deletes are behind). Several
 * replicas may run it at the same time: deletes of the same rows are counted once, and trimming a channel locks its
 * count row. A failing run (PostgreSQL down) is logged and the next one starts over.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    private static final int CHANNEL_PAGE = 500;

    private final RetentionStore store;
    private final RetentionPolicy policy;
    private final StoreContext context;
    private final HistoryMetrics metrics;
    private final HistoryConfig.Retention config;
    private final Clock clock;

    /** The result of one run. */
    public record Outcome(long deletedByAge, long deletedByCount) {
    }

    public RetentionJob(RetentionStore store, RetentionPolicy policy, StoreContext context, HistoryMetrics metrics,
            HistoryConfig config, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.context = context;
        this.metrics = metrics;
        this.config = config.retention();
        this.clock = clock;
    }

    @Scheduled(every = "${starling.history.retention.interval}", delayed = "${starling.history.retention.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    Uni<Void> scheduled() {
        return runOnce().onFailure().recoverWithItem(e -> {
            LOG.warnf("Retention run failed (the next run starts over): %s", e.toString());
            return null;
        }).replaceWithVoid();
    }

    /** One complete run. */
    public Uni<Outcome> runOnce() {
        AtomicLong budget = new AtomicLong(Math.max(1, config.maxDeletesPerRun()));
        return context.run(store::apps)
                .flatMap(apps -> byAge(apps, budget)
                        .flatMap(age -> byCount(apps, budget).map(count -> new Outcome(age, count))))
                .call(outcome -> context.run(() -> store.deleteEmptyChannels(config.deleteBatch())))
                .invoke(outcome -> {
                    if (outcome.deletedByAge() + outcome.deletedByCount() > 0) {
                        LOG.debugf("Retention deleted %d rows by age and %d by count", outcome.deletedByAge(),
                                outcome.deletedByCount());
                    }
                });
    }

    private Uni<Long> byAge(List<String> apps, AtomicLong budget) {
        long now = clock.millis();
        return Multi.createFrom().iterable(apps)
                .onItem().transformToUniAndConcatenate(app -> {
                    Duration maxAge = policy.maxAge(app);
                    if (maxAge.isZero() || maxAge.isNegative()) {
                        return Uni.createFrom().item(0L);
                    }
                    return repeatWhileFull(() -> context.run(() -> store.deleteOlderThan(app, now - maxAge.toMillis(),
                            step(budget))), budget, "age");
                })
                .collect().with(java.util.stream.Collectors.summingLong(Long::longValue));
    }

    private Uni<Long> byCount(List<String> apps, AtomicLong budget) {
        long smallest = policy.smallestMaxMessages(apps);
        if (smallest == Long.MAX_VALUE) {
            return Uni.createFrom().item(0L);
        }
        return countPage(smallest, null, budget, 0L);
    }

    private Uni<Long> countPage(long smallest, ChannelCount after, AtomicLong budget, long deletedSoFar) {
        if (budget.get() <= 0) {
            return Uni.createFrom().item(deletedSoFar);
        }
        return context.run(() -> store.channelsOver(smallest, after, CHANNEL_PAGE))
                .flatMap(channels -> Multi.createFrom().iterable(channels)
                        .onItem().transformToUniAndConcatenate(channel -> {
                            long keep = policy.maxMessages(channel.appId());
                            if (channel.rows() <= keep || budget.get() <= 0) {
                                return Uni.createFrom().item(0L);
                            }
                            return repeatWhileFull(() -> context.run(() -> store.trim(channel, keep, step(budget))),
                                    budget, "count");
                        })
                        .collect().with(java.util.stream.Collectors.summingLong(Long::longValue))
                        .flatMap(deleted -> channels.size() < CHANNEL_PAGE
                                ? Uni.createFrom().item(deletedSoFar + deleted)
                                : countPage(smallest, channels.getLast(), budget, deletedSoFar + deleted)));
    }

    /** Repeats a bounded delete while it deletes a full step and budget is left; returns the total. */
    private Uni<Long> repeatWhileFull(java.util.function.Supplier<Uni<Long>> delete, AtomicLong budget, String reason) {
        int step = step(budget);
        if (step <= 0) {
            return Uni.createFrom().item(0L);
        }
        return delete.get().flatMap(deleted -> {
            budget.addAndGet(-deleted);
            metrics.retentionDeleted(reason, deleted);
            if (deleted < step || budget.get() <= 0) {
                return Uni.createFrom().item(deleted);
            }
            return repeatWhileFull(delete, budget, reason).map(more -> deleted + more);
        });
    }

    private int step(AtomicLong budget) {
        return (int) Math.min(config.deleteBatch(), Math.max(0, budget.get()));
    }

    /** Skips scheduled runs when {@code retention.enabled=false}. */
    @ApplicationScoped
    public static class Disabled implements Scheduled.SkipPredicate {

        private final boolean enabled;

        public Disabled(HistoryConfig config) {
            this.enabled = config.retention().enabled();
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !enabled;
        }
    }
}
