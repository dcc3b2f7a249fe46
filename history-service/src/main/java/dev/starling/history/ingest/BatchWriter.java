package dev.starling.history.ingest;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.starling.history.config.HistoryConfig;
import dev.starling.history.metrics.HistoryMetrics;
import dev.starling.history.store.MessageRow;
import dev.starling.history.store.MessageWriter;
import dev.starling.history.store.PartitionProgress;
import dev.starling.history.store.StoreContext;
import io.smallrye.mutiny.Uni;

/**
 * Writes a batch until it is written. Each attempt is one transaction bounded by {@code write.timeout}; a failed
 * attempt (PostgreSQL down, restarting, timing out) is counted and repeated after an exponential backoff, for as
 * long as it takes. The returned {@link Uni} completes only after a commit, so the caller acknowledges only
 * written records; while it retries, the Kafka connector pauses the partitions (nothing is skipped or lost: the
 * topic holds the data).
 */
@ApplicationScoped
public class BatchWriter {

    private static final Logger LOG = Logger.getLogger(BatchWriter.class);

    private final MessageWriter writer;
    private final StoreContext context;
    private final HistoryMetrics metrics;
    private final HistoryConfig.Write config;

    public BatchWriter(MessageWriter writer, StoreContext context, HistoryMetrics metrics, HistoryConfig config) {
        this.writer = writer;
        this.context = context;
        this.metrics = metrics;
        this.config = config.write();
    }

    /** Completes with the number of new rows once everything is committed. */
    public Uni<Long> writeUntilDone(List<MessageRow> rows, List<PartitionProgress> progress) {
        long started = System.nanoTime();
        int[] failures = {0};
        return context.run(() -> writer.write(rows, progress))
                .ifNoItem().after(config.timeout()).fail()
                .onFailure().invoke(e -> {
                    failures[0]++;
                    metrics.writeFailed();
                    metrics.retrying(true);
                    if (failures[0] == 1 || Integer.bitCount(failures[0]) == 1) { // 1st, 2nd, 4th, 8th … failure
                        LOG.warnf("Cannot write a batch of %d rows (attempt %d), retrying: %s", rows.size(),
                                failures[0], e.toString());
                    }
                })
                .onFailure().retry().withBackOff(config.initialBackoff(), config.maxBackoff()).indefinitely()
                .invoke(inserted -> {
                    if (failures[0] > 0) {
                        LOG.infof("Wrote the batch of %d rows after %d failed attempts", rows.size(), failures[0]);
                        metrics.retrying(false);
                    }
                    metrics.written(inserted, rows.size() - inserted, System.nanoTime() - started);
                });
    }
}
