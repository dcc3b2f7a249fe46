package dev.starling.gateway.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link SerialExecutor}: one task at a time, in submission order, on the submitting threads. */
class SerialExecutorTest {

    private final SerialExecutor executor = new SerialExecutor();
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void runsTasksInSubmissionOrder() {
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            executor.execute(() -> ran.add(n));
        }
        assertThat(ran).containsExactlyElementsOf(IntStream.range(0, 100).boxed().toList());
    }

    @Test
    void neverRunsTwoTasksAtOnceAndKeepsEachSubmittersOrder() throws Exception {
        int submitters = 4;
        int perSubmitter = 2_000;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        List<List<Integer>> ranBySubmitter = new ArrayList<>();
        for (int s = 0; s < submitters; s++) {
            ranBySubmitter.add(new ArrayList<>()); // plain lists: only ever touched by one task at a time
        }
        CyclicBarrier start = new CyclicBarrier(submitters);
        List<Future<?>> done = new ArrayList<>();
        for (int s = 0; s < submitters; s++) {
            List<Integer> ran = ranBySubmitter.get(s);
            done.add(threads.submit(() -> {
                start.await();
                for (int i = 0; i < perSubmitter; i++) {
                    int n = i;
                    executor.execute(() -> {
                        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                        ran.add(n);
                        Thread.onSpinWait();
                        running.decrementAndGet();
                    });
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(30, TimeUnit.SECONDS);
        }

        // Every submitter has returned, so the queue was drained by the last thread that ran it.
        assertThat(maxRunning).hasValue(1);
        for (List<Integer> ran : ranBySubmitter) {
            assertThat(ran).containsExactlyElementsOf(IntStream.range(0, perSubmitter).boxed().toList());
        }
    }

    @Test
    void aTaskSubmittedFromATaskRunsAfterTheCurrentOneFinishes() {
        List<String> ran = new ArrayList<>();
        executor.execute(() -> {
            ran.add("outer start");
            executor.execute(() -> ran.add("inner"));
            ran.add("outer end");
        });
        assertThat(ran).containsExactly("outer start", "outer end", "inner");
    }

    @Test
    void aTaskSubmittedFromATaskRunsAfterTasksAlreadyQueued() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CyclicBarrier firstRunning = new CyclicBarrier(2);
        CyclicBarrier queued = new CyclicBarrier(2);
        Future<?> drainer = threads.submit(() -> executor.execute(() -> {
            ran.add("first");
            await(firstRunning);
            await(queued); // the test thread has queued "second" meanwhile
            executor.execute(() -> ran.add("third"));
        }));
        firstRunning.await(10, TimeUnit.SECONDS);
        executor.execute(() -> ran.add("second")); // queued: the drainer is busy, so this returns at once
        queued.await(10, TimeUnit.SECONDS);
        drainer.get(10, TimeUnit.SECONDS);

        assertThat(ran).containsExactly("first", "second", "third");
    }

    @Test
    void aFailingTaskDoesNotStopLaterTasks() {
        List<String> ran = new ArrayList<>();
        executor.execute(() -> {
            executor.execute(() -> {
                throw new IllegalStateException("boom");
            });
            executor.execute(() -> ran.add("queued behind the failure"));
        });
        executor.execute(() -> ran.add("submitted later"));

        assertThat(ran).containsExactly("queued behind the failure", "submitted later");
    }

    @Test
    void aTaskThrowingAnErrorDoesNotStopLaterTasks() {
        List<String> ran = new ArrayList<>();
        try {
            executor.execute(() -> {
                executor.execute(() -> {
                    throw new AssertionError("an Error, not an Exception");
                });
                executor.execute(() -> ran.add("queued behind the failure"));
            });
        } catch (Throwable ignored) {
            // whether the submitter sees the Error is not the point; later tasks must still run
        }
        executor.execute(() -> ran.add("submitted later"));

        assertThat(ran).containsExactly("queued behind the failure", "submitted later");
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
