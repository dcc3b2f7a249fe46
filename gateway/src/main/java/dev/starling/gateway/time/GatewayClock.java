package dev.starling.gateway.time;

import java.time.Duration;

/**
 * The gateway's only source of time and timers. Everything time-dependent (heartbeats, webhook debounce and retries,
 * subscription-count throttling, cache expiry, rate limits) goes through it, so tests replace it with a manual clock
 * and move time forward instead of sleeping.
 *
 * <p>Tasks must not block: the production implementation runs them on Vert.x event-loop threads.
 */
public interface GatewayClock {

    /** Wall-clock time in milliseconds since the epoch. */
    long millis();

    /** Monotonic time in nanoseconds, for measuring intervals. */
    long nanos();

    /** Runs {@code task} once after {@code delay}. */
    Timer schedule(Duration delay, Runnable task);

    /** Runs {@code task} every {@code period}, first after one period. */
    Timer every(Duration period, Runnable task);

    /** A scheduled task that can be cancelled; cancelling twice or after it ran is harmless. */
    interface Timer {
        void cancel();
    }
}
