package dev.starling.push.delivery;

import java.time.Instant;

import dev.starling.push.device.Platform;

/**
 * One claimed delivery: a publish's request for one device, with the device's current token.
 *
 * @param attempt 1 for the first attempt, counting every claim (also those a crashed process never finished)
 */
public record Task(long id, String publishId, String deviceId, String instanceId, Platform platform, int attempt,
        Instant acceptedAt, String token, String request) {
}
