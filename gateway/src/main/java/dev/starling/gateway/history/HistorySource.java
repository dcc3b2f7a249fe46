package dev.starling.gateway.history;

import java.util.concurrent.CompletionStage;

import dev.starling.protocol.history.HistoryPage;
import dev.starling.protocol.history.HistoryQuery;

/**
 * Where a channel's full retained history is read from: this node's memory on a single node, history-service in
 * cluster mode. A query for another stream than the channel's current one answers no rows.
 */
public interface HistorySource {

    /** Whether this node's memory is the whole history (single node): no query ever has to wait. */
    boolean isLocal();

    /**
     * Answers {@code query} for the channel; fails with {@link HistoryUnavailableException} when the store cannot be
     * reached in time.
     */
    CompletionStage<HistoryPage> query(String appId, String channel, HistoryQuery query);
}
