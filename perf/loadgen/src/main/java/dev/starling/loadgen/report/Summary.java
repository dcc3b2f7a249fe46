package dev.starling.loadgen.report;

import java.io.PrintStream;
import java.util.Locale;

import dev.starling.loadgen.RunConfig;
import dev.starling.loadgen.report.PhaseResult.ServerSpan;
import dev.starling.loadgen.report.RunResults.Level;
import dev.starling.loadgen.stats.LatencySummary;

/** The human summary of a run, printed on stdout. */
public final class Summary {

    private Summary() {
    }

    public static void print(RunReport report, PrintStream out) {
        RunConfig c = report.parameters();
        RunResults r = report.results();
        out.println();
        out.printf(Locale.ROOT, "== starling-loadgen %s — %s:%s, %d connection(s) on %d %s channel(s), %d B payload, "
                + "%d process(es), %d event loop(s)%n", report.scenario(), c.host(), c.ports(), c.totalConnections(),
                c.channels(), c.channelType().name().toLowerCase(Locale.ROOT), c.payloadBytes(), c.processes(),
                c.eventLoops());
        out.printf(Locale.ROOT, "machine: %d cpus, %s, Java %s; started %s, %.1f s%n", report.machine().cpus(),
                report.machine().cpuModel(), report.machine().javaVersion(), report.startedAt(),
                report.elapsedSeconds());
        out.printf(Locale.ROOT, "connect+subscribe: %d/%d in %.2f s = %.0f/s, failed %d%s%n",
                r.connections().subscribed(), r.connections().requested(), r.connections().millis() / 1000.0,
                r.connectsPerSecond(), r.connections().failed(),
                r.connections().failures().isEmpty() ? "" : " " + r.connections().failures());
        if (r.idle() != null) {
            for (Level level : r.idle().levels()) {
                out.printf(Locale.ROOT, "  level %6d: subscribed %6d, %.0f/s, server RSS %s, heap %s%n",
                        level.connections(), level.subscribed(), level.connectsPerSecond(),
                        mb(level.serverRssBytes()), mb(level.serverHeapBytes()));
            }
            out.printf(Locale.ROOT, "  per connection: RSS %s (r² %s), heap %s (r² %s)%n",
                    bytes(r.idle().rssBytesPerConnection()), r.idle().rssSlopeR2(),
                    bytes(r.idle().heapBytesPerConnection()), r.idle().heapSlopeR2());
        }
        for (PhaseResult p : r.phases()) {
            out.printf(Locale.ROOT, "phase %s (%.1f s):%n", p.name(), p.seconds());
            if (p.publishes() != null) {
                out.printf(Locale.ROOT, "  publishes %d ok (%.1f/s, target %s), %d failed; HTTP p50 %.2f ms, "
                        + "p99 %.2f ms%n", p.publishes(), p.publishesPerSecond(),
                        p.targetRate() == 0 ? "flat out" : fmt(p.targetRate()) + "/s", p.publishFailures(),
                        p.httpLatencyMs().p50Ms(), p.httpLatencyMs().p99Ms());
            }
            if (p.publishes() != null) {
                out.printf(Locale.ROOT, "  deliveries %d received%s, %.0f/s%n", p.received(),
                        p.expected() == null ? "" : " of " + p.expected() + " expected, dropped " + p.dropped(),
                        p.deliveriesPerSecond());
            }
            latency(out, "latency", p.latencyMs());
            latency(out, "  same node", p.latencySameNodeMs());
            latency(out, "  other node", p.latencyOtherNodeMs());
            if (p.memberEventsPerSecond() != null) {
                out.printf(Locale.ROOT, "  member events: %d added, %d removed, %.0f/s%n", p.memberAdded(),
                        p.memberRemoved(), p.memberEventsPerSecond());
            }
            server(out, p.server());
        }
        if (r.churn() != null) {
            out.printf(Locale.ROOT, "churn: %d started, %d subscribed (%.1f/s, target %s/s), %d failed; "
                    + "connect→subscribed p50 %.2f ms, p99 %.2f ms%n", r.churn().started(), r.churn().subscribed(),
                    r.churn().subscribedPerSecond(), fmt(r.churn().targetRate()), r.churn().failed(),
                    r.churn().connectToSubscribedMs().p50Ms(), r.churn().connectToSubscribedMs().p99Ms());
        }
        if (r.slow() != null) {
            out.printf(Locale.ROOT, "slow consumers: %d designated, closed %s (4100: %d), still open %d%n",
                    r.slow().designated(), r.slow().closes(), r.slow().closedWith4100(), r.slow().stillOpen());
        }
        if (r.presence() != null) {
            out.printf(Locale.ROOT, "presence: %d leaves, %d rejoins (%.1f leaves/s)%n", r.presence().leaves(),
                    r.presence().joins(), r.presence().togglesPerSecond());
        }
        if (r.server().pid() != null) {
            out.printf(Locale.ROOT, "server pid %d: RSS %s → %s (max %s)%n", r.server().pid(),
                    mb(r.server().rssBeforeBytes()), mb(r.server().rssAfterBytes()), mb(r.server().rssMaxBytes()));
        }
        out.printf(Locale.ROOT, "loadgen: %.1f s CPU, %d GCs (%d ms), %s transport%n", r.client().cpuSeconds(),
                r.client().gcCount(), r.client().gcMillis(), r.client().nativeTransport() ? "epoll" : "NIO");
        out.println(r.problems().isEmpty() ? "result: clean" : "result: PROBLEMS");
        r.problems().forEach(p -> out.println("  - " + p));
        if (c.json() != null) {
            out.println("json: " + c.json());
        }
    }

    private static void latency(PrintStream out, String label, LatencySummary l) {
        if (l != null && l.count() > 0) {
            out.printf(Locale.ROOT, "  %s ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  mean %.2f (n=%d)%n",
                    label, l.p50Ms(), l.p90Ms(), l.p99Ms(), l.p999Ms(), l.maxMs(), l.meanMs(), l.count());
        }
    }

    private static void server(PrintStream out, ServerSpan span) {
        if (span != null) {
            out.printf(Locale.ROOT, "  server: RSS %s → %s, CPU %s cores%n", mb(span.rssStartBytes()),
                    mb(span.rssEndBytes()), span.cpuCores() == null ? "-" : span.cpuCores());
        }
    }

    private static String mb(Long bytes) {
        return bytes == null ? "-" : String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    private static String bytes(Double bytes) {
        return bytes == null ? "-" : String.format(Locale.ROOT, "%.0f B", bytes);
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
