package dev.starling.history.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Every meter of history-service, exported as {@code starling_history_*} on the management port's
 * {@code /metrics}. Names and meanings are listed in docs/history.md ("Metrics").
 */
@ApplicationScoped
public class HistoryMetrics {

    private final MeterRegistry registry;
    private final Counter recordsConsumed;
    private final Counter rowsWritten;
    private final Counter rowsDuplicate;
    private final Counter batches;
    private final Counter writeFailures;
    private final Counter undecodable;
    private final Timer batchWrite;
    private final Timer queriesOk;
    private final Timer queriesUnavailable;
    private final AtomicInteger retrying = new AtomicInteger();
    private final Map<Integer, AtomicLong> lagByPartition = new ConcurrentHashMap<>();
    private final Map<String, Counter> retentionDeleted = new ConcurrentHashMap<>();

    public HistoryMetrics(MeterRegistry registry) {
        this.registry = registry;
        recordsConsumed = Counter.builder("starling.history.records.consumed")
                .description("Records of the events topic consumed (written or skipped), redeliveries included")
                .register(registry);
        rowsWritten = Counter.builder("starling.history.rows.written")
                .description("Channel messages newly stored in PostgreSQL").register(registry);
        rowsDuplicate = Counter.builder("starling.history.rows.duplicate")
                .description("Channel messages consumed again that were already stored (redelivery)")
                .register(registry);
        batches = Counter.builder("starling.history.batches")
                .description("Consumed batches written and acknowledged").register(registry);
        writeFailures = Counter.builder("starling.history.write.failures")
                .description("Failed attempts to write a batch; each is retried after a backoff").register(registry);
        undecodable = Counter.builder("starling.history.records.undecodable")
                .description("Records of the events topic that could not be decoded and were skipped")
                .register(registry);
        Gauge.builder("starling.history.write.retrying", retrying, AtomicInteger::get)
                .description("1 while a batch is being retried (PostgreSQL failing), else 0").register(registry);
        batchWrite = Timer.builder("starling.history.batch.write")
                .description("Time to write one batch, from its first attempt to its commit")
                .publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        queriesOk = queryTimer("ok");
        queriesUnavailable = queryTimer("unavailable");
    }

    private Timer queryTimer(String outcome) {
        return Timer.builder("starling.history.query")
                .description("History API queries answered, by outcome (ok, unavailable)")
                .tags(Tags.of("outcome", outcome))
                .publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    public void consumed(int records) {
        recordsConsumed.increment(records);
    }

    public void written(long newRows, long duplicateRows, long nanos) {
        rowsWritten.increment(newRows);
        rowsDuplicate.increment(duplicateRows);
        batches.increment();
        batchWrite.record(Duration.ofNanos(nanos));
    }

    public void writeFailed() {
        writeFailures.increment();
    }

    public void retrying(boolean value) {
        retrying.set(value ? 1 : 0);
    }

    public void undecodable() {
        undecodable.increment();
    }

    public void query(boolean ok, long nanos) {
        (ok ? queriesOk : queriesUnavailable).record(Duration.ofNanos(nanos));
    }

    /** Records of {@code partition} not yet written (end offset minus written position). */
    public void lag(int partition, long records) {
        lagByPartition.computeIfAbsent(partition, p -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("starling.history.write.lag", value, AtomicLong::get)
                    .description("Records of the events partition behind the topic end, not yet written")
                    .baseUnit("records").tags(Tags.of("partition", Integer.toString(p))).register(registry);
            return value;
        }).set(records);
    }

    public void retentionDeleted(String reason, long rows) {
        retentionDeleted.computeIfAbsent(reason, r -> Counter.builder("starling.history.retention.deleted")
                .description("Rows deleted by retention, by reason (age, count)").tags(Tags.of("reason", r))
                .register(registry)).increment(rows);
    }
}
