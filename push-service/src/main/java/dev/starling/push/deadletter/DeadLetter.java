package dev.starling.push.deadletter;

import java.time.Instant;

/** A delivery given up on, kept with what is needed to send it again. The token is not shown by the admin API. */
public record DeadLetter(long id, String publishId, String instanceId, String deviceId, String platform,
        int attempts, String reason, Instant acceptedAt, Instant deadAt) {
}
