package dev.starling.gateway.time;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.Vertx;

/** Production clock: system time and Vert.x timers (tasks run on an event loop). */
@ApplicationScoped
public class VertxGatewayClock implements GatewayClock {

    private final Vertx vertx;

    public VertxGatewayClock(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }

    @Override
    public long nanos() {
        return System.nanoTime();
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        long id = vertx.setTimer(Math.max(1, delay.toMillis()), ignored -> task.run());
        return () -> vertx.cancelTimer(id);
    }

    @Override
    public Timer every(Duration period, Runnable task) {
        long id = vertx.setPeriodic(Math.max(1, period.toMillis()), ignored -> task.run());
        return () -> vertx.cancelTimer(id);
    }
}
