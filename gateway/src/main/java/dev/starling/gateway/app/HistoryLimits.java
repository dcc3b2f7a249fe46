package dev.starling.gateway.app;

import java.time.Duration;

/**
 * An app's channel-history limits (protocol 2, PROTOCOL-V2.md section 6).
 *
 * @param messages  messages per channel the gateway keeps in memory: the whole history on a single node, the hot
 *                  buffer in front of history-service in cluster mode
 * @param maxAge    how long the gateway keeps them
 * @param maxRewind the largest {@code rewind.count}; larger requests are capped (with {@code truncated: true})
 * @param maxPage   the largest {@code limit} of the history API
 */
public record HistoryLimits(int messages, Duration maxAge, int maxRewind, int maxPage) {

    /** The documented defaults (100 messages, 10 minutes, rewind 100, page 1000). */
    public static final HistoryLimits DEFAULTS = new HistoryLimits(100, Duration.ofMinutes(10), 100, 1000);
}
