package dev.starling.gateway.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

import dev.starling.gateway.time.GatewayClock;

/**
 * The scheduling half of the test clocks: tasks are queued with their due time on this clock and run only when a
 * test moves time ({@link #runDue}), in due order, on the calling thread — never by themselves. Subclasses say what
 * the time is. Thread-safe, so code under test may schedule from other threads.
 */
public abstract class SteppedClock implements GatewayClock {

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

    @Override
    public synchronized Timer schedule(Duration delay, Runnable task) {
        return add(millis() + delay.toMillis(), task, 0);
    }

    @Override
    public synchronized Timer every(Duration period, Runnable task) {
        return add(millis() + period.toMillis(), task, period.toMillis());
    }

    private Timer add(long dueMillis, Runnable task, long periodMillis) {
        Handle handle = new Handle();
        tasks.add(new Task(dueMillis, order++, task, periodMillis, handle));
        return handle;
    }

    /**
     * Runs, in due order, every task due at or before {@code until} (read again after each task); periodic tasks
     * are queued again one period later. {@code reached} gets each task's due time, under this clock's lock, just
     * before the task runs (a clock may show that time while it runs).
     */
    protected void runDue(LongSupplier until, LongConsumer reached) {
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.dueMillis > until.getAsLong()) {
                    return;
                }
                tasks.poll();
                reached.accept(next.dueMillis);
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

    /** Moves every queued task by {@code millis}, keeping its order. */
    protected synchronized void shiftTasks(long millis) {
        List<Task> all = new ArrayList<>(tasks);
        tasks.clear();
        all.forEach(t -> tasks.add(new Task(t.dueMillis + millis, t.order, t.action, t.periodMillis, t.handle)));
    }

    /** Due times of the one-off tasks still scheduled and not cancelled (periodic ones excluded), soonest first. */
    public synchronized List<Long> pendingDueTimes() {
        return tasks.stream().filter(t -> t.periodMillis == 0 && !t.handle.cancelled).map(Task::dueMillis).sorted()
                .toList();
    }
}
