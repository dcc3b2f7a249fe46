package dev.starling.gateway.fakes;

import java.time.Duration;

import dev.starling.gateway.support.SteppedClock;

/**
 * A fully deterministic clock for pure unit tests: time stands still (no real time mixed in) until {@link #advance}
 * moves it, running every task that became due, in due order, on the calling thread, with the clock showing each
 * task's due time while it runs.
 */
public final class FakeClock extends SteppedClock {

    private long nowMillis;

    public FakeClock(long startMillis) {
        this.nowMillis = startMillis;
    }

    public FakeClock() {
        this(1_700_000_000_000L);
    }

    @Override
    public synchronized long millis() {
        return nowMillis;
    }

    @Override
    public synchronized long nanos() {
        return nowMillis * 1_000_000L;
    }

    /** Moves time forward, stopping at each due task to run it with the clock showing its due time. */
    public void advance(Duration duration) {
        long target;
        synchronized (this) {
            target = nowMillis + duration.toMillis();
        }
        runDue(() -> target, due -> nowMillis = Math.max(nowMillis, due));
        synchronized (this) {
            nowMillis = target;
        }
    }
}
