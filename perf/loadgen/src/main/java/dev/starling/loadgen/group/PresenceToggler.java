package dev.starling.loadgen.group;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import dev.starling.loadgen.client.PusherConnection;
import io.vertx.core.Vertx;

/**
 * Makes presence members leave (unsubscribe) and rejoin (subscribe again) after {@code awayMillis}, round robin over
 * the members, at {@code ratePerSecond} leaves. Runs on one context; a tick that comes late catches up, at most one
 * second's worth.
 */
final class PresenceToggler {

    private static final long TICK_MILLIS = 10;

    private final Vertx vertx;
    private final List<PusherConnection> members;
    private final double ratePerSecond;
    private final long awayMillis;
    private final LongAdder leaves;
    private double tokens;
    private int cursor;
    private long lastTick;
    private long timer = -1;

    PresenceToggler(Vertx vertx, List<PusherConnection> members, double ratePerSecond, long awayMillis,
            LongAdder leaves) {
        this.vertx = vertx;
        this.members = members;
        this.ratePerSecond = ratePerSecond;
        this.awayMillis = awayMillis;
        this.leaves = leaves;
    }

    void start() {
        if (!members.isEmpty()) {
            lastTick = System.nanoTime();
            timer = vertx.setPeriodic(TICK_MILLIS, ignored -> tick());
        }
    }

    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void tick() {
        long now = System.nanoTime();
        tokens = Math.min(tokens + ratePerSecond * (now - lastTick) / 1e9, Math.max(1, ratePerSecond));
        lastTick = now;
        int attempts = members.size();
        while (tokens >= 1 && attempts-- > 0) {
            PusherConnection member = members.get(cursor);
            cursor = (cursor + 1) % members.size();
            if (member.state() == PusherConnection.State.SUBSCRIBED) {
                tokens -= 1;
                member.unsubscribe();
                leaves.increment();
                vertx.setTimer(awayMillis, ignored -> member.subscribe());
            }
        }
    }
}
