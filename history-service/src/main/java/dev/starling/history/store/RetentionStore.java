package dev.starling.history.store;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

/**
 * The deletes of retention, each bounded by a row count so that no statement runs long or holds many locks.
 * Every delete also lowers the channel's {@code row_count} in the same statement or transaction, so the counts stay
 * exact under concurrent writers and replicas.
 */
@ApplicationScoped
public class RetentionStore {

    /** A channel (in one stream) and how many rows it has. */
    public record ChannelCount(String appId, String channel, String streamId, long rows) {
    }

    private static final String APPS = "SELECT DISTINCT app_id FROM history_channels ORDER BY app_id";

    private static final String DELETE_OLDER = "WITH doomed AS (SELECT stream_id, serial FROM channel_messages"
            + " WHERE app_id = ? AND published_at_ms < ? LIMIT ?),"
            + " deleted AS (DELETE FROM channel_messages m USING doomed d"
            + " WHERE m.stream_id = d.stream_id AND m.serial = d.serial RETURNING m.app_id, m.channel, m.stream_id),"
            + " counted AS (SELECT app_id, channel, stream_id, count(*) AS n FROM deleted"
            + " GROUP BY app_id, channel, stream_id),"
            + " updated AS (UPDATE history_channels h SET row_count = h.row_count - c.n FROM counted c"
            + " WHERE h.app_id = c.app_id AND h.channel = c.channel AND h.stream_id = c.stream_id RETURNING 1)"
            + " SELECT count(*) FROM deleted";

    private static final String OVER_LIMIT = "SELECT app_id, channel, stream_id, row_count FROM history_channels"
            + " WHERE row_count > ? AND (app_id, channel, stream_id) > (?, ?, ?)"
            + " ORDER BY app_id, channel, stream_id LIMIT ?";

    private static final String LOCK_COUNT = "SELECT row_count FROM history_channels"
            + " WHERE app_id = ? AND channel = ? AND stream_id = ? FOR UPDATE";

    private static final String DELETE_OLDEST = "WITH doomed AS (SELECT stream_id, serial FROM channel_messages"
            + " WHERE app_id = ? AND channel = ? AND stream_id = ? ORDER BY serial LIMIT ?),"
            + " deleted AS (DELETE FROM channel_messages m USING doomed d"
            + " WHERE m.stream_id = d.stream_id AND m.serial = d.serial RETURNING 1)"
            + " SELECT count(*) FROM deleted";

    private static final String LOWER_COUNT = "UPDATE history_channels SET row_count = row_count - ?"
            + " WHERE app_id = ? AND channel = ? AND stream_id = ?";

    private static final String DELETE_EMPTY_CHANNELS = "DELETE FROM history_channels WHERE (app_id, channel, stream_id)"
            + " IN (SELECT app_id, channel, stream_id FROM history_channels"
            + " WHERE row_count <= 0 AND last_written_at < now() - interval '1 hour' LIMIT ?)";

    private final Mutiny.SessionFactory sessions;

    public RetentionStore(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** The apps that have history. */
    public Uni<List<String>> apps() {
        return sessions.withStatelessSession(session -> session.createNativeQuery(APPS, String.class).getResultList());
    }

    /** Deletes at most {@code limit} rows of {@code appId} published before {@code cutoffMs}; returns how many. */
    public Uni<Long> deleteOlderThan(String appId, long cutoffMs, int limit) {
        return sessions.withStatelessTransaction(session -> session.createNativeQuery(DELETE_OLDER, Long.class)
                .setParameter(1, appId).setParameter(2, cutoffMs).setParameter(3, limit)
                .getSingleResult().map(n -> ((Number) n).longValue()));
    }

    /** Channels with more than {@code rows} rows, in key order after {@code after} ({@code null}: from the start). */
    public Uni<List<ChannelCount>> channelsOver(long rows, ChannelCount after, int limit) {
        return sessions.withStatelessSession(session -> session.createNativeQuery(OVER_LIMIT, Object[].class)
                .setParameter(1, rows)
                .setParameter(2, after == null ? "" : after.appId())
                .setParameter(3, after == null ? "" : after.channel())
                .setParameter(4, after == null ? "" : after.streamId())
                .setParameter(5, limit)
                .getResultList()
                .map(list -> list.stream().map(r -> new ChannelCount((String) r[0], (String) r[1], (String) r[2],
                        ((Number) r[3]).longValue())).toList()));
    }

    /**
     * Deletes the oldest rows of one channel beyond its newest {@code keep}, at most {@code limit} of them, in one
     * transaction that holds the channel's count row (so two replicas never both trim the same excess).
     */
    public Uni<Long> trim(ChannelCount channel, long keep, int limit) {
        return sessions.withStatelessTransaction(session -> session.createNativeQuery(LOCK_COUNT, Long.class)
                .setParameter(1, channel.appId()).setParameter(2, channel.channel())
                .setParameter(3, channel.streamId())
                .getSingleResultOrNull()
                .flatMap(count -> {
                    long excess = count == null ? 0 : ((Number) count).longValue() - keep;
                    if (excess <= 0) {
                        return Uni.createFrom().item(0L);
                    }
                    return session.createNativeQuery(DELETE_OLDEST, Long.class)
                            .setParameter(1, channel.appId()).setParameter(2, channel.channel())
                            .setParameter(3, channel.streamId()).setParameter(4, (int) Math.min(excess, limit))
                            .getSingleResult()
                            .flatMap(deleted -> session.createNativeQuery(LOWER_COUNT)
                                    .setParameter(1, ((Number) deleted).longValue())
                                    .setParameter(2, channel.appId()).setParameter(3, channel.channel())
                                    .setParameter(4, channel.streamId())
                                    .executeUpdate()
                                    .map(ignored -> ((Number) deleted).longValue()));
                }));
    }

    /** Forgets at most {@code limit} channels that have had no rows for an hour. */
    public Uni<Integer> deleteEmptyChannels(int limit) {
        return sessions.withStatelessTransaction(session -> session.createNativeQuery(DELETE_EMPTY_CHANNELS)
                .setParameter(1, limit).executeUpdate());
    }
}
