package dev.starling.gateway.history;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.starling.protocol.history.HistoryPage;
import dev.starling.protocol.history.HistoryQuery;

/**
 * A {@link HistorySource} that asks the one behind it once for identical queries in flight at the same time. After a
 * node fails, its clients reconnect elsewhere within a second and resume the same channels from the same positions:
 * a thousand equal queries become one, and every caller gets the same (immutable) page. A query issued after the
 * shared one completed goes to the source again, so nobody gets an answer older than its own request.
 */
final class CoalescedHistory implements HistorySource {

    private record Key(String appId, String channel, HistoryQuery query) {
    }

    private final HistorySource source;
    private final ConcurrentHashMap<Key, CompletionStage<HistoryPage>> inFlight = new ConcurrentHashMap<>();
    private final LongAdder coalesced = new LongAdder();

    CoalescedHistory(HistorySource source) {
        this.source = source;
    }

    @Override
    public boolean isLocal() {
        return source.isLocal();
    }

    @Override
    public CompletionStage<HistoryPage> query(String appId, String channel, HistoryQuery query) {
        Key key = new Key(appId, channel, query);
        boolean[] mine = {false};
        CompletionStage<HistoryPage> shared = inFlight.computeIfAbsent(key, k -> {
            mine[0] = true;
            return source.query(appId, channel, query);
        });
        if (mine[0]) {
            // Remove it once answered; a completion that already happened inside computeIfAbsent removes it too.
            shared.whenComplete((page, error) -> inFlight.remove(key, shared));
        } else {
            coalesced.increment();
        }
        return shared;
    }

    /** Queries answered by another caller's request (for the metrics). */
    long coalesced() {
        return coalesced.sum();
    }

    /** Queries waiting for an answer now. */
    int inFlight() {
        return inFlight.size();
    }
}
