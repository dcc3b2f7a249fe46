package dev.starling.loadgen.report;

import java.util.Map;

import dev.starling.loadgen.stats.LatencySummary;

/**
 * One measured phase. Publishing fields are absent when the phase published nothing (presence); {@code expected}
 * and {@code dropped} are absent when they cannot be known.
 *
 * @param seconds wall time of the phase (publishing time; deliveries may arrive during the drain after it)
 * @param publishes publishes answered 200
 * @param expected the sum over channels of publishes × healthy subscribers of that channel
 * @param received deliveries tagged with this phase that healthy subscribers got
 * @param dropped expected − received
 * @param latencyMs publish → receive
 * @param latencySameNodeMs / latencyOtherNodeMs with several ports: published through the subscriber's own node or
 *        through another one
 * @param server server RSS at the phase's start and end and its CPU use during it (with --server-pid)
 */
public record PhaseResult(String name, double seconds, Double targetRate, Long publishes, Long publishFailures,
        Map<String, Long> publishFailureReasons, Double publishesPerSecond, Long publisherBehindMillis,
        LatencySummary httpLatencyMs, Long expected, long received, Long dropped, double deliveriesPerSecond,
        LatencySummary latencyMs, LatencySummary latencySameNodeMs, LatencySummary latencyOtherNodeMs,
        Long memberAdded, Long memberRemoved, Double memberEventsPerSecond, ServerSpan server) {

    /** Server resources over a span of time. */
    public record ServerSpan(Long rssStartBytes, Long rssEndBytes, Double cpuCores) {
    }
}
