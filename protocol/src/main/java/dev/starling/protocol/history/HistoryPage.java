package dev.starling.protocol.history;

import java.util.List;

/**
 * One answer of history-service: the rows of one channel in one stream that matched a query.
 *
 * @param streamId       the stream the rows belong to (the one asked for)
 * @param items          the matching rows in the order the query asked for (oldest first for {@code forwards},
 *                       newest first for {@code backwards}), at most the query's limit
 * @param oldestSerial   the oldest serial of the channel retained in this stream, whatever the query's bounds;
 *                       {@code null} when none is retained
 * @param newestSerial   the newest such serial, {@code null} when none
 * @param writtenThrough the highest offset W of the stream's partition such that every record with an offset
 *                       {@code ≤ W} has been written (or skipped as undecodable); {@code -1} when none. History of
 *                       the stream is complete up to W: a message with a serial {@code ≤ W} that is not returned
 *                       was not published to this channel, or was removed by retention
 * @param hasMore        more rows match beyond {@code items} in the query's direction
 */
public record HistoryPage(String streamId, List<HistoryItem> items, Long oldestSerial, Long newestSerial,
        long writtenThrough, boolean hasMore) {

    public HistoryPage {
        items = List.copyOf(items);
    }
}
