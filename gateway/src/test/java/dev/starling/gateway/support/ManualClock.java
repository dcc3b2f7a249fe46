package dev.starling.gateway.support;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.test.Mock;

/**
 * A clock tests move by hand. It follows real time plus an offset (so signatures made by real SDKs with the real
 * time stay valid), and runs scheduled tasks only when a test calls {@link #advance} — never by itself.
 */
@Mock
@ApplicationScoped
public class ManualClock extends SteppedClock {

    private volatile long offsetMillis;

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMillis;
    }

    @Override
    public long nanos() {
        return System.nanoTime() + offsetMillis * 1_000_000L;
    }

    /** Moves time forward and runs, in order, every task that became due (including repeats of periodic ones). */
    public void advance(Duration duration) {
        synchronized (this) {
            offsetMillis += duration.toMillis();
        }
        runDue();
    }

    /** Runs the tasks that are due now without moving time. */
    public void runDue() {
        runDue(this::millis, due -> {
        });
    }

    /**
     * Puts the clock back on real time. Scheduled tasks move back by the same amount, so they stay as far in the
     * future as they were (a periodic check keeps running every period after a reset).
     */
    public synchronized void reset() {
        shiftTasks(-offsetMillis);
        offsetMillis = 0;
    }
}
