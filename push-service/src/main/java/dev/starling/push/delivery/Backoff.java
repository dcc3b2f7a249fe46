package dev.starling.push.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt n waits a random time between half and all of
 * {@code min(max, initial × 2^(n-1))}, so retries of a burst spread out instead of hitting the provider together. A
 * provider's {@code Retry-After} is a floor (honoured even above {@code max}).
 */
public record Backoff(Duration initial, Duration max) {

    public Duration delay(int attempt, Duration retryAfter) {
        long cap = max.toMillis();
        long base = initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 30);
        long ceiling = Math.max(1, Math.min(cap, base < 0 ? cap : base));
        long jittered = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling - ceiling / 2 + 1);
        Duration delay = Duration.ofMillis(jittered);
        return retryAfter != null && retryAfter.compareTo(delay) > 0 ? retryAfter : delay;
    }

    /**
     * An HTTP {@code Retry-After} value (delta-seconds or an HTTP-date) as a duration from {@code now}; {@code null}
     * when absent or unreadable.
     */
    public static Duration parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, 86_400));
        } catch (NumberFormatException e) {
            try {
                Duration until = Duration.between(now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }
}
