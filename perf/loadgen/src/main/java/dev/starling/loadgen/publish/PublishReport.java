package dev.starling.loadgen.publish;

import java.util.Map;

import dev.starling.loadgen.stats.LatencySummary;

/**
 * One publishing run.
 *
 * @param targetRate publishes per second asked for; 0 = flat out
 * @param attempted requests sent
 * @param ok requests answered 200: each one must reach every subscriber of its channel
 * @param failed requests that failed (by reason in {@code failures})
 * @param okPerChannel successful publishes per channel index
 * @param sendingMillis from the first request to the end of the sending window (the phase's length)
 * @param millis from the first request to the last response
 * @param behindMillis milliseconds in which the fixed rate could not be kept because {@code inFlight} requests were
 *        already waiting (the server, or the publisher, is the bottleneck)
 * @param http request → response time of the HTTP API
 */
public record PublishReport(double targetRate, long attempted, long ok, long failed, Map<String, Long> failures,
        long[] okPerChannel, long sendingMillis, long millis, long behindMillis, LatencySummary http) {
}
