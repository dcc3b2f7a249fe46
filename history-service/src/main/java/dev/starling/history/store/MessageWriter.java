package dev.starling.history.store;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.starling.history.config.HistoryConfig;
import io.smallrye.mutiny.Uni;

/**
 * Writes one consumed batch in one transaction: the rows, the per-channel counts and the per-partition progress.
 * Either all of it commits or none of it does, so a failed attempt can simply be repeated.
 *
 * <p>Idempotent: a row whose position {@code (stream_id, serial)} is already stored is skipped
 * ({@code ON CONFLICT DO NOTHING}) and counts for nothing, so a batch delivered again (after a restart, a rebalance
 * or a retried attempt that had in fact committed) changes nothing. Progress only moves forwards
 * ({@code GREATEST}). Rows of the same channels are upserted in key order, so concurrent writers (two replicas
 * during a rebalance) lock them in the same order.
 */
@ApplicationScoped
public class MessageWriter {

    private static final String INSERT_HEAD = "WITH inserted AS ("
            + "INSERT INTO channel_messages (stream_id, serial, app_id, channel, message_id, event, data, user_id,"
            + " published_at_ms) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_TAIL = " ON CONFLICT (stream_id, serial) DO NOTHING"
            + " RETURNING stream_id, serial, app_id, channel),"
            + " channels AS (INSERT INTO history_channels (app_id, channel, stream_id, row_count, newest_serial,"
            + " last_written_at) SELECT app_id, channel, stream_id, count(*), max(serial), now() FROM inserted"
            + " GROUP BY app_id, channel, stream_id ORDER BY app_id, channel, stream_id"
            + " ON CONFLICT (app_id, channel, stream_id) DO UPDATE SET"
            + " row_count = history_channels.row_count + EXCLUDED.row_count,"
            + " newest_serial = GREATEST(history_channels.newest_serial, EXCLUDED.newest_serial),"
            + " last_written_at = EXCLUDED.last_written_at RETURNING 1)"
            + " SELECT count(*) FROM inserted";
    private static final String PROGRESS_HEAD = "INSERT INTO stream_progress (stream_id, topic, partition_id,"
            + " written_through, updated_at) VALUES ";
    private static final String PROGRESS_ROW = "(?, ?, ?, ?, now())";
    private static final String PROGRESS_TAIL = " ON CONFLICT (stream_id) DO UPDATE SET"
            + " written_through = GREATEST(stream_progress.written_through, EXCLUDED.written_through),"
            + " topic = EXCLUDED.topic, partition_id = EXCLUDED.partition_id, updated_at = EXCLUDED.updated_at";

    private static final Comparator<MessageRow> KEY_ORDER = Comparator.comparing(MessageRow::appId)
            .thenComparing(MessageRow::channel).thenComparing(MessageRow::streamId)
            .thenComparingLong(MessageRow::serial);

    private final Mutiny.SessionFactory sessions;
    private final int rowsPerStatement;

    public MessageWriter(Mutiny.SessionFactory sessions, HistoryConfig config) {
        this.sessions = sessions;
        this.rowsPerStatement = Math.max(1, config.write().rowsPerStatement());
    }

    /**
     * Writes {@code rows} and moves {@code progress} forwards, in one transaction. Must run on a Vert.x context
     * ({@link StoreContext}).
     *
     * @return how many rows were new (the others were already stored)
     */
    public Uni<Long> write(List<MessageRow> rows, List<PartitionProgress> progress) {
        List<MessageRow> ordered = rows.stream().sorted(KEY_ORDER).toList();
        List<PartitionProgress> orderedProgress = progress.stream()
                .sorted(Comparator.comparing(PartitionProgress::streamId)).toList();
        return sessions.withStatelessTransaction(session -> insertRows(session, ordered, 0, 0L)
                .call(inserted -> orderedProgress.isEmpty() ? Uni.createFrom().voidItem()
                        : updateProgress(session, orderedProgress)));
    }

    private Uni<Long> insertRows(Mutiny.StatelessSession session, List<MessageRow> rows, int from, long insertedSoFar) {
        if (from >= rows.size()) {
            return Uni.createFrom().item(insertedSoFar);
        }
        List<MessageRow> chunk = rows.subList(from, Math.min(rows.size(), from + rowsPerStatement));
        StringBuilder sql = new StringBuilder(INSERT_HEAD.length() + INSERT_TAIL.length() + chunk.size() * 32)
                .append(INSERT_HEAD);
        for (int i = 0; i < chunk.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(ROW);
        }
        sql.append(INSERT_TAIL);
        Mutiny.SelectionQuery<Long> query = session.createNativeQuery(sql.toString(), Long.class);
        int p = 1;
        for (MessageRow row : chunk) {
            query.setParameter(p++, row.streamId());
            query.setParameter(p++, row.serial());
            query.setParameter(p++, row.appId());
            query.setParameter(p++, row.channel());
            query.setParameter(p++, row.messageId());
            query.setParameter(p++, row.event());
            query.setParameter(p++, row.data());
            query.setParameter(p++, row.userId());
            query.setParameter(p++, row.publishedAtMs());
        }
        return query.getSingleResult().flatMap(inserted -> insertRows(session, rows, from + chunk.size(),
                insertedSoFar + ((Number) inserted).longValue()));
    }

    private Uni<Integer> updateProgress(Mutiny.StatelessSession session, List<PartitionProgress> progress) {
        StringBuilder sql = new StringBuilder(PROGRESS_HEAD);
        for (int i = 0; i < progress.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(PROGRESS_ROW);
        }
        sql.append(PROGRESS_TAIL);
        Mutiny.Query<Object> query = session.createNativeQuery(sql.toString());
        int p = 1;
        for (PartitionProgress partition : progress) {
            query.setParameter(p++, partition.streamId());
            query.setParameter(p++, partition.topic());
            query.setParameter(p++, partition.partition());
            query.setParameter(p++, partition.throughOffset());
        }
        return query.executeUpdate();
    }
}
