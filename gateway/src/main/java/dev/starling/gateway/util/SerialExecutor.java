package dev.starling.gateway.util;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Runs tasks one at a time, in submission order, on the submitting threads (no thread of its own): the first
 * submitter drains the queue, later submitters only enqueue. No lock is held while a task runs, so a task may submit
 * to this or any other executor without risking deadlock.
 */
public final class SerialExecutor {

    private final Queue<Runnable> queue = new ArrayDeque<>();
    private boolean running;

    public void execute(Runnable task) {
        synchronized (this) {
            queue.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (Throwable e) {
                // Errors too: one escaping here would leave running == true and stop this executor for good.
                org.jboss.logging.Logger.getLogger(SerialExecutor.class).error("Cluster task failed", e);
            }
        }
    }
}
