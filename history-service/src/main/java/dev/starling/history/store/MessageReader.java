package dev.starling.history.store;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.starling.protocol.history.HistoryItem;
import dev.starling.protocol.history.HistoryPage;
import io.smallrye.mutiny.Uni;

/**
 * Answers history queries from PostgreSQL with three index lookups in one read-only session: the page (on
 * {@code (app_id, channel, stream_id, serial)}), the channel's oldest and newest serial, and the stream's
 * written-through offset. A page holds only rows already committed; rows with a serial up to
 * {@code written_through} that are missing were never published to the channel or were removed by retention.
 */
@ApplicationScoped
public class MessageReader {

    private static final String PAGE = "from StoredMessage m where m.appId = :app and m.channel = :channel"
            + " and m.streamId = :stream and m.serial between :lowest and :highest and m.publishedAtMs >= :since"
            + " order by m.serial ";
    private static final String BOUNDS = "select min(m.serial), max(m.serial) from StoredMessage m"
            + " where m.appId = :app and m.channel = :channel and m.streamId = :stream";
    private static final String WRITTEN_THROUGH = "select p.writtenThrough from StreamProgress p"
            + " where p.streamId = :stream";

    private final Mutiny.SessionFactory sessions;

    public MessageReader(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /**
     * One page. {@code written_through} is read first: every batch it covers was committed before that statement, so
     * the page's rows (read by later statements) include all of them. Read in the other order, a batch committed in
     * between would raise {@code written_through} past rows the page does not hold — and a gateway would take the
     * gap for complete history.
     */
    public Uni<HistoryPage> page(MessageQuery query) {
        return sessions.withStatelessSession(session -> writtenThrough(session, query.streamId())
                .flatMap(writtenThrough -> items(session, query)
                        .flatMap(rows -> bounds(session, query)
                                .map(bounds -> page(query, rows, bounds, writtenThrough)))));
    }

    /** The stream's written-through offset, {@code -1} when nothing of it has been written. */
    public Uni<Long> writtenThrough(String streamId) {
        return sessions.withStatelessSession(session -> writtenThrough(session, streamId));
    }

    private static Uni<List<StoredMessage>> items(Mutiny.StatelessSession session, MessageQuery query) {
        if (query.lowest() > query.highest()) {
            return Uni.createFrom().item(List.of());
        }
        return session.createSelectionQuery(PAGE + (query.forwards() ? "asc" : "desc"), StoredMessage.class)
                .setParameter("app", query.appId())
                .setParameter("channel", query.channel())
                .setParameter("stream", query.streamId())
                .setParameter("lowest", query.lowest())
                .setParameter("highest", query.highest())
                .setParameter("since", query.sinceMs())
                .setMaxResults(query.limit() + 1)
                .getResultList();
    }

    private static Uni<Object[]> bounds(Mutiny.StatelessSession session, MessageQuery query) {
        return session.createSelectionQuery(BOUNDS, Object[].class)
                .setParameter("app", query.appId())
                .setParameter("channel", query.channel())
                .setParameter("stream", query.streamId())
                .getSingleResult();
    }

    private static Uni<Long> writtenThrough(Mutiny.StatelessSession session, String streamId) {
        return session.createSelectionQuery(WRITTEN_THROUGH, Long.class)
                .setParameter("stream", streamId)
                .getSingleResultOrNull()
                .map(value -> value == null ? -1L : value);
    }

    private static HistoryPage page(MessageQuery query, List<StoredMessage> rows, Object[] bounds,
            long writtenThrough) {
        boolean hasMore = rows.size() > query.limit();
        List<HistoryItem> items = rows.stream().limit(query.limit())
                .map(m -> new HistoryItem(m.messageId(), m.serial(), m.event(), m.data(), m.userId(),
                        m.publishedAtMs()))
                .toList();
        return new HistoryPage(query.streamId(), items, asLong(bounds[0]), asLong(bounds[1]), writtenThrough, hasMore);
    }

    private static Long asLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
