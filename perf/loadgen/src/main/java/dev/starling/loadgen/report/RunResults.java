package dev.starling.loadgen.report;

import java.util.List;
import java.util.Map;

import dev.starling.loadgen.group.ConnectReport;
import dev.starling.loadgen.stats.LatencySummary;

/**
 * Everything measured. Sections that do not apply to the scenario are absent. {@code problems} lists what makes the
 * run not clean (failed connections, drops, failed publishes, slow consumers left open …); empty means clean.
 */
public record RunResults(ConnectReport connections, Double connectsPerSecond, List<PhaseResult> phases,
        Idle idle, Churn churn, Slow slow, Presence presence, Server server, Client client, List<String> problems) {

    /** idle: one entry per level and the per-connection slopes. */
    public record Idle(List<Level> levels, Double rssBytesPerConnection, Double rssSlopeR2,
            Double heapBytesPerConnection, Double heapSlopeR2, Long baselineRssBytes, Long baselineHeapBytes) {
    }

    /** An idle level: {@code connections} open and subscribed, held for the configured time, then sampled. */
    public record Level(int connections, int subscribed, int failed, double connectsPerSecond, Long serverRssBytes,
            Long serverHeapBytes) {
    }

    /** churn: connections opened (and closed after their lifetime) during the churn phase. */
    public record Churn(double targetRate, long started, long subscribed, long failed, Map<String, Long> failures,
            double subscribedPerSecond, LatencySummary connectToSubscribedMs, Map<Integer, Long> unexpectedCloses) {
    }

    /**
     * slow-consumer: what happened to the connections that stopped reading. {@code backlogRead}: events they read
     * when they read again after the phase (what the kernel and the server had buffered for them).
     */
    public record Slow(int designated, Map<Integer, Long> closes, long closedWith4100, int stillOpen,
            long backlogRead) {
    }

    /** presence: the leave/rejoin workload. */
    public record Presence(long leaves, long joins, double togglesPerSecond) {
    }

    /** The server process and its metrics endpoint, when given. */
    public record Server(Long pid, Long rssBeforeBytes, Long rssAfterBytes, Long rssMaxBytes,
            Map<String, Double> metricsBefore, Map<String, Double> metricsAfter) {
    }

    /** The loadgen itself: if it ran out of CPU, the numbers describe the loadgen, not the server. */
    public record Client(int processes, double cpuSeconds, long gcCount, long gcMillis, boolean nativeTransport,
            Map<Integer, Long> unexpectedCloses, Map<String, Long> refusals) {
    }
}
