package dev.starling.gateway.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

import jakarta.enterprise.context.ApplicationScoped;

import dev.starling.gateway.time.GatewayClock;
import io.quarkus.test.Mock;

/**
 * A clock tests move by hand. It follows real time plus an offset (so signatures made by real SDKs with the real
 * time stay valid), and runs scheduled tasks only when a test calls {@link #advance} — never by itself.
 */
@Mock
@ApplicationScoped
public class ManualClock implements GatewayClock {

    private record Task(long dueMillis, long order, Runnable action, long periodMillis, Handle handle) {
    }

    private static final class Handle implements Timer {
        volatile boolean cancelled;

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.dueMillis != b.dueMillis
            ? Long.compare(a.dueMillis, b.dueMillis) : Long.compare(a.order, b.order));
    private long order;
    private volatile long offsetMillis;

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMillis;
    }

    @Override
    public long nanos() {
        return System.nanoTime() + offsetMillis * 1_000_000L;
    }

    @Override
    public synchronized Timer schedule(Duration delay, Runnable task) {
        Handle handle = new Handle();
        tasks.add(new Task(millis() + delay.toMillis(), order++, task, 0, handle));
        return handle;
    }

    @Override
    public synchronized Timer every(Duration period, Runnable task) {
        Handle handle = new Handle();
        tasks.add(new Task(millis() + period.toMillis(), order++, task, period.toMillis(), handle));
        return handle;
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
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.dueMillis > millis()) {
                    return;
                }
                tasks.poll();
                if (next.periodMillis > 0 && !next.handle.cancelled) {
                    tasks.add(new Task(next.dueMillis + next.periodMillis, order++, next.action, next.periodMillis,
                            next.handle));
                }
            }
            if (!next.handle.cancelled) {
                next.action.run();
            }
        }
    }

    /**
     * Puts the clock back on real time. Scheduled tasks move back by the same amount, so they stay as far in the
     * future as they were (a periodic check keeps running every period after a reset).
     */
    public synchronized void reset() {
        long shift = offsetMillis;
        offsetMillis = 0;
        List<Task> all = new ArrayList<>(tasks);
        tasks.clear();
        all.forEach(t -> tasks.add(new Task(t.dueMillis - shift, t.order, t.action, t.periodMillis, t.handle)));
    }

    /** One-off tasks still scheduled (periodic ones excluded), for assertions. */
    public synchronized List<Long> pendingDueTimes() {
        List<Long> due = new ArrayList<>();
        tasks.forEach(t -> {
            if (t.periodMillis == 0 && !t.handle.cancelled) {
                due.add(t.dueMillis);
            }
        });
        return due;
    }
}
