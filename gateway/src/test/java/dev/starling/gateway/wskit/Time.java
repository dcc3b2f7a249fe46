package dev.starling.gateway.wskit;

import java.time.Duration;

import dev.starling.gateway.connection.HeartbeatMonitor;
import dev.starling.gateway.support.ManualClock;

/** Moving the test clock for checks made by periodic tasks. */
public final class Time {

    private Time() {
    }

    /**
     * Advances {@code clock} and then runs the heartbeat sweep (activity ping, pong timeout, authorized-connection
     * deadline) at the new time.
     *
     * <p>Why the explicit sweep: {@link ManualClock#reset()} leaves periodic tasks at the due times they reached in
     * the advanced timeline. After a test advanced N seconds and reset, the every-1-s sweep does not run again until
     * time has moved N seconds more, so whether {@code advance} alone runs it depends on which tests ran before.
     * A second sweep at the same instant changes nothing (a ping is sent once, a close happens once).
     */
    public static void advance(ManualClock clock, HeartbeatMonitor heartbeat, Duration duration) {
        clock.advance(duration);
        heartbeat.sweep();
    }
}
