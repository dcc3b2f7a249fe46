package dev.starling.gateway.fakes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

import dev.starling.gateway.time.GatewayClock;

/**
 * A fully deterministic {@link GatewayClock} for pure unit tests: time stands still (no real time mixed in) until
 * {@link #advance} moves it, running every task that became due, in due order, on the calling thread. Thread-safe,
 * so code under test may schedule from other threads.
 */
public final class FakeClock implements GatewayClock {

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

    @Override
    public synchronized Timer schedule(Duration delay, Runnable task) {
        Handle handle = new Handle();
        tasks.add(new Task(nowMillis + delay.toMillis(), order++, task, 0, handle));
        return handle;
    }

    @Override
    public synchronized Timer every(Duration period, Runnable task) {
        Handle handle = new Handle();
        tasks.add(new Task(nowMillis + period.toMillis(), order++, task, period.toMillis(), handle));
        return handle;
    }

    /** Moves time forward, stopping at each due task to run it with the clock showing its due time. */
    public void advance(Duration duration) {
        long target;
        synchronized (this) {
            target = nowMillis + duration.toMillis();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.dueMillis > target) {
                    nowMillis = target;
                    return;
                }
                tasks.poll();
                nowMillis = Math.max(nowMillis, next.dueMillis);
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

    /** Due times of the one-off tasks still scheduled and not cancelled, soonest first. */
    public synchronized List<Long> pendingDueTimes() {
        List<Long> due = new ArrayList<>();
        tasks.stream().filter(t -> t.periodMillis == 0 && !t.handle.cancelled).map(Task::dueMillis).sorted()
                .forEach(due::add);
        return due;
    }
}
