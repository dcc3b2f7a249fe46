package dev.starling.loadgen.run;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.starling.loadgen.RunConfig;
import dev.starling.loadgen.group.ConnectReport;
import dev.starling.loadgen.group.GroupReport;
import dev.starling.loadgen.report.RunResults;
import dev.starling.loadgen.report.RunResults.Idle;
import dev.starling.loadgen.report.RunResults.Level;
import dev.starling.loadgen.server.ProcessProbe;
import dev.starling.loadgen.stats.Slope;

/**
 * idle: grows the population level by level ({@code --connections 2000,5000,10000}), holds each level for the
 * configured time, then samples the server's RSS (and heap, with a metrics endpoint; after a GC with
 * {@code --server-gc}). The per-connection cost is the slope of a line through the levels (the baseline too when there
 * is only one level), so it extrapolates and does not depend on the server's fixed overhead nor on its one-time
 * warm-up (a JVM compiles code and loads classes while the first connections arrive). The baseline is reported on its
 * own.
 */
final class IdleRun {

    private final RunConfig config;
    private final Groups groups;
    private final ServerWatch watch;
    private final PrintStream log;

    IdleRun(RunConfig config, Groups groups, ServerWatch watch, PrintStream log) {
        this.config = config;
        this.groups = groups;
        this.watch = watch;
        this.log = log;
    }

    RunResults run() throws Exception {
        Map<String, Double> metricsBefore = watch.metrics();
        ProcessProbe.Sample baseline = watch.memorySample();
        Long baselineHeap = watch.heapUsed(config.serverGc() ? watch.metrics() : metricsBefore);
        List<Level> levels = new ArrayList<>();
        List<ConnectReport> reports = new ArrayList<>();
        List<Slope.Point> rss = new ArrayList<>();
        List<Slope.Point> heap = new ArrayList<>();
        if (config.connections().size() == 1) {
            add(rss, 0, ServerWatch.rss(baseline));
            add(heap, 0, baselineHeap);
        }
        int open = 0;
        int subscribed = 0;
        int failed = 0;
        long hold = RunConfig.millis(config.durationSeconds());
        for (int level : config.connections()) {
            log.printf("idle: opening %d more connections (to %d)%n", level - open, level);
            ConnectReport report = groups.connect(open, level - open, Runner.connectBudgetMillis(config, level - open));
            reports.add(report);
            open = level;
            subscribed += report.subscribed();
            failed += report.failed();
            log.printf("idle: %d subscribed (%.0f/s), holding %.1f s%n", subscribed, report.perSecond(),
                    hold / 1000.0);
            Thread.sleep(hold); // the tool holds the connections idle; nothing to wait for but time
            ProcessProbe.Sample sample = watch.memorySample();
            Long heapBytes = watch.heapUsed(watch.metrics());
            levels.add(new Level(level, subscribed, failed, round(report.perSecond()), ServerWatch.rss(sample),
                    heapBytes));
            add(rss, subscribed, ServerWatch.rss(sample));
            add(heap, subscribed, heapBytes);
        }
        Map<String, Double> metricsAfter = watch.metrics();
        GroupReport finalReport = groups.finish();
        Slope rssSlope = Slope.fit(rss);
        Slope heapSlope = Slope.fit(heap);
        ConnectReport all = ConnectReport.merge(reports, reports.stream().mapToLong(ConnectReport::millis).sum());
        Idle idle = new Idle(levels, rssSlope == null ? null : round(rssSlope.slope()),
                rssSlope == null ? null : round3(rssSlope.r2()), heapSlope == null ? null : round(heapSlope.slope()),
                heapSlope == null ? null : round3(heapSlope.r2()), ServerWatch.rss(baseline), baselineHeap);
        List<String> problems = new ArrayList<>();
        if (all.failed() > 0) {
            problems.add(all.failed() + " connections failed: " + all.failures());
        }
        if (!finalReport.closes().isEmpty()) {
            problems.add("connections closed by the server: " + finalReport.closes());
        }
        RunResults.Server server = new RunResults.Server(watch.pid(), ServerWatch.rss(baseline),
                levels.isEmpty() ? null : levels.get(levels.size() - 1).serverRssBytes(), watch.maxRss(),
                metricsBefore, metricsAfter);
        return new RunResults(all, round(all.perSecond()), List.of(), idle, null, null, null, server,
                Runner.client(config, groups, finalReport), problems);
    }

    private static void add(List<Slope.Point> points, double x, Long y) {
        if (y != null) {
            points.add(new Slope.Point(x, y));
        }
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
