package dev.starling.loadgen.stats;

import java.time.Instant;

/**
 * Wall-clock time in microseconds since the epoch, the timestamp a publisher writes into each event and a subscriber
 * subtracts on arrival.
 *
 * <p>Clock assumption: publisher and subscribers read the same clock. That holds for processes on one machine (the
 * loopback setup every scenario is meant for: {@code clock_gettime(CLOCK_REALTIME)} is one system-wide clock). Across
 * machines the result is only as good as their clock synchronisation. {@link System#nanoTime()} would be finer but
 * is not comparable between processes, and the subscribers may live in child processes.
 */
public final class EpochMicros {

    private EpochMicros() {
    }

    public static long now() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
