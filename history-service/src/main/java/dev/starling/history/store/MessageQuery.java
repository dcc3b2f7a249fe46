package dev.starling.history.store;

/**
 * A validated history query of one channel in one stream: rows with {@code lowest ≤ serial ≤ highest} and
 * {@code published_at_ms ≥ sinceMs}, at most {@code limit}, oldest first when {@code forwards}.
 */
public record MessageQuery(String appId, String channel, String streamId, long lowest, long highest, long sinceMs,
        boolean forwards, int limit) {
}
