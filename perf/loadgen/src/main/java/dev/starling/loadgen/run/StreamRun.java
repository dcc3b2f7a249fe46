package dev.starling.loadgen.run;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.starling.loadgen.RunConfig;
import dev.starling.loadgen.Scenario;
import dev.starling.loadgen.client.ClientTransport;
import dev.starling.loadgen.client.Topology;
import dev.starling.loadgen.group.ConnectReport;
import dev.starling.loadgen.group.GroupReport;
import dev.starling.loadgen.group.PhaseCounts;
import dev.starling.loadgen.group.PhaseStart;
import dev.starling.loadgen.publish.PublishReport;
import dev.starling.loadgen.publish.Publisher;
import dev.starling.loadgen.report.PhaseResult;
import dev.starling.loadgen.report.PhaseResult.ServerSpan;
import dev.starling.loadgen.report.RunResults;
import dev.starling.loadgen.report.RunResults.Churn;
import dev.starling.loadgen.server.ProcessProbe;
import dev.starling.loadgen.stats.Latencies;
import dev.starling.loadgen.stats.LatencySummary;

/**
 * Every scenario but idle: connect the subscribers, publish a warmup (phase 0, not measured), run the measured
 * phases, wait for outstanding deliveries (bounded by {@code --drain}), collect. A delivery belongs to the phase
 * whose tag it carries, wherever and whenever it arrives.
 */
final class StreamRun {

    /**
     * A phase of the scenario: its name, what subscriber groups do in it, whether connections churn meanwhile, and
     * whether it is a baseline (lasting {@code --baseline} instead of {@code --duration}).
     */
    record PhasePlan(String name, PhaseStart start, boolean churn, boolean baseline) {
    }

    private record PhaseRecord(PhasePlan plan, PublishReport publish, double seconds, ServerSpan server) {
    }

    private final RunConfig config;
    private final ClientTransport transport;
    private final Groups groups;
    private final ServerWatch watch;
    private final PrintStream log;
    private Churn churn;

    StreamRun(RunConfig config, ClientTransport transport, Groups groups, ServerWatch watch, PrintStream log) {
        this.config = config;
        this.transport = transport;
        this.groups = groups;
        this.watch = watch;
        this.log = log;
    }

    static List<PhasePlan> plan(Scenario scenario) {
        return switch (scenario) {
            case CHURN -> List.of(new PhasePlan("baseline", PhaseStart.plain(1), false, true),
                    new PhasePlan("churn", PhaseStart.plain(2), true, false));
            case SLOW_CONSUMER -> List.of(new PhasePlan("baseline", PhaseStart.plain(1), false, true),
                    new PhasePlan("slow", new PhaseStart(2, true, false, false), false, false));
            case PRESENCE -> List.of(new PhasePlan("measure", new PhaseStart(1, false, false, true), false, false));
            default -> List.of(new PhasePlan("measure", PhaseStart.plain(1), false, false));
        };
    }

    RunResults run() throws Exception {
        Map<String, Double> metricsBefore = watch.metrics();
        ProcessProbe.Sample before = watch.sample();
        int total = config.totalConnections();
        log.printf("%s: opening %d connections on %d channel(s)%n", config.scenario().cliName(), total,
                config.channels());
        ConnectReport connect = groups.connect(0, total, Runner.connectBudgetMillis(config, total));
        log.printf("%s: %d subscribed in %.2f s (%.0f/s), %d failed%n", config.scenario().cliName(),
                connect.subscribed(), connect.millis() / 1000.0, connect.perSecond(), connect.failed());
        if (connect.subscribed() == 0) {
            GroupReport report = groups.finish();
            List<String> problems = List.of("no connection subscribed (" + connect.failures() + "): nothing to measure");
            return new RunResults(connect, 0.0, List.of(), null, null, null, null,
                    new RunResults.Server(watch.pid(), ServerWatch.rss(before), null, watch.maxRss(), metricsBefore,
                            null), Runner.client(config, groups, report), problems);
        }
        int[] perChannel = groups.stats().subscribedPerChannel();
        List<String> channels = new ArrayList<>();
        for (int c = 0; c < config.channels(); c++) {
            channels.add(Topology.channelName(config.subscriberSpec(), c));
        }
        boolean publishing = config.scenario() != Scenario.PRESENCE || config.rate() > 0;
        double rate = config.publishRate();
        List<PhaseRecord> records = new ArrayList<>();
        Publisher publisher = publishing ? new Publisher(transport.vertx(), config.publisherSpec(channels)) : null;
        try {
            long warmup = RunConfig.millis(config.warmupSeconds());
            if (publisher != null && warmup > 0) {
                log.printf("warmup: %.1f s%n", warmup / 1000.0);
                Groups.await(publisher.run(0, warmup, rate), warmup + 60_000, "warmup");
            }
            List<PhasePlan> plans = plan(config.scenario());
            for (PhasePlan phase : plans) {
                records.add(runPhase(phase, publisher, rate));
            }
            // stop toggling; let stalled consumers read again so that they see how the server closed them
            groups.beginPhase(new PhaseStart(plans.size(), false, config.scenario() == Scenario.SLOW_CONSUMER, false));
        } finally {
            if (publisher != null) {
                publisher.close();
            }
        }
        Long[] expected = records.stream().map(r -> expected(r.publish(), perChannel)).toArray(Long[]::new);
        drain(expected);
        Map<String, Double> metricsAfter = watch.metrics();
        ProcessProbe.Sample after = watch.sample();
        GroupReport report = groups.finish();
        return results(connect, records, expected, report, before, after, metricsBefore, metricsAfter);
    }

    private PhaseRecord runPhase(PhasePlan phase, Publisher publisher, double rate) throws Exception {
        long millis = RunConfig.millis(phase.baseline() ? config.baselineSeconds() : config.durationSeconds());
        log.printf("phase %s: %.1f s%s%n", phase.name(), millis / 1000.0, phase.churn() ? " with churn" : "");
        ProcessProbe.Sample start = watch.sample();
        groups.beginPhase(phase.start());
        ChurnDriver churnDriver = null;
        if (phase.churn()) {
            churnDriver = new ChurnDriver(transport, config.subscriberSpec(),
                    Topology.channelName(config.subscriberSpec(), 0), config.churnRate(),
                    RunConfig.millis(config.churnLifetimeSeconds()));
            churnDriver.start();
        }
        long t0 = System.nanoTime();
        PublishReport publish = null;
        if (publisher != null) {
            publish = Groups.await(publisher.run(phase.start().phase(), millis, rate), millis + 60_000, phase.name());
        } else {
            Thread.sleep(millis); // nothing to publish: the groups' own workload (presence toggles) runs meanwhile
        }
        // rates are per second of the sending window, not of the wait for the last responses
        double seconds = publish != null ? publish.sendingMillis() / 1000.0 : (System.nanoTime() - t0) / 1e9;
        if (churnDriver != null) {
            churn = churnDriver.stop();
        }
        return new PhaseRecord(phase, publish, seconds, ServerWatch.span(start, watch.sample()));
    }

    /** Σ over channels of successful publishes × healthy subscribers; unknown while presence members come and go. */
    private Long expected(PublishReport publish, int[] perChannel) {
        if (publish == null || (config.scenario() == Scenario.PRESENCE && config.toggleRate() > 0)) {
            return null;
        }
        long sum = 0;
        for (int c = 0; c < perChannel.length; c++) {
            sum += publish.okPerChannel()[c] * perChannel[c];
        }
        return sum;
    }

    /** Polls the groups until every phase got what it expects (and slow consumers are gone), or --drain passes. */
    private void drain(Long[] expected) throws Exception {
        long deadline = System.nanoTime() + RunConfig.millis(config.drainSeconds()) * 1_000_000;
        while (true) {
            GroupReport stats = groups.stats();
            boolean complete = config.scenario() != Scenario.SLOW_CONSUMER || stats.slowOpen() == 0;
            for (int i = 0; i < expected.length; i++) {
                complete &= expected[i] == null || stats.phases().get(i + 1).received() >= expected[i];
            }
            if (complete || System.nanoTime() > deadline) {
                return;
            }
            Thread.sleep(100); // polling other processes' counters
        }
    }

    private RunResults results(ConnectReport connect, List<PhaseRecord> records, Long[] expected, GroupReport report,
            ProcessProbe.Sample before, ProcessProbe.Sample after, Map<String, Double> metricsBefore,
            Map<String, Double> metricsAfter) {
        List<PhaseResult> phases = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (connect.failed() > 0) {
            problems.add(connect.failed() + " connections failed: " + connect.failures());
        }
        for (int i = 0; i < records.size(); i++) {
            phases.add(phase(records.get(i), report.phases().get(i + 1), expected[i], problems));
        }
        if (!report.closes().isEmpty()) {
            problems.add("healthy connections closed by the server: " + report.closes());
        }
        RunResults.Slow slow = null;
        if (config.scenario() == Scenario.SLOW_CONSUMER) {
            long with4100 = report.slowCloses().getOrDefault(4100, 0L);
            slow = new RunResults.Slow(report.slowDesignated(), report.slowCloses(), with4100, report.slowOpen(),
                    report.slowDeliveries());
            if (report.slowOpen() > 0) {
                problems.add(report.slowOpen() + " slow consumers still open after the drain");
            }
            if (with4100 < report.slowDesignated() - report.slowOpen()) {
                problems.add("slow consumers closed with other codes: " + report.slowCloses());
            }
        }
        if (churn != null && churn.failed() > 0) {
            problems.add(churn.failed() + " churning connections failed: " + churn.failures());
        }
        RunResults.Presence presence = null;
        if (config.scenario() == Scenario.PRESENCE) {
            double seconds = records.stream().mapToDouble(PhaseRecord::seconds).sum();
            presence = new RunResults.Presence(report.leaves(), report.joins(),
                    IdleRun.round(report.leaves() / Math.max(seconds, 1e-3)));
        }
        RunResults.Server server = new RunResults.Server(watch.pid(), ServerWatch.rss(before),
                ServerWatch.rss(after), watch.maxRss(), metricsBefore, metricsAfter);
        return new RunResults(connect, IdleRun.round(connect.perSecond()), phases, null, churn, slow, presence,
                server, Runner.client(config, groups, report), problems);
    }

    private PhaseResult phase(PhaseRecord record, PhaseCounts counts, Long expected, List<String> problems) {
        String name = record.plan().name();
        PublishReport publish = record.publish();
        Long dropped = expected == null ? null : expected - counts.received();
        if (dropped != null && dropped != 0) {
            problems.add("phase " + name + ": " + (dropped > 0 ? dropped + " deliveries missing"
                    : -dropped + " deliveries more than expected"));
        }
        if (publish != null && publish.failed() > 0) {
            problems.add("phase " + name + ": " + publish.failed() + " publishes failed: " + publish.failures());
        }
        if (publish != null && publish.targetRate() > 0 && publish.behindMillis() > record.seconds() * 100) {
            problems.add("phase " + name + ": the publisher fell behind the rate for " + publish.behindMillis()
                    + " ms (raise --in-flight, or the server is saturated)");
        }
        double seconds = Math.max(record.seconds(), 1e-3);
        boolean members = config.scenario() == Scenario.PRESENCE;
        return new PhaseResult(name, IdleRun.round(record.seconds()), publish == null ? null : publish.targetRate(),
                publish == null ? null : publish.ok(), publish == null ? null : publish.failed(),
                publish == null || publish.failures().isEmpty() ? null : publish.failures(),
                publish == null ? null : IdleRun.round(publish.ok() / seconds),
                publish == null ? null : publish.behindMillis(), publish == null ? null : publish.http(), expected,
                counts.received(), dropped, IdleRun.round(counts.received() / seconds), summary(counts.latency()),
                summary(counts.latencySameNode()), summary(counts.latencyOtherNode()),
                members ? counts.memberAdded() : null, members ? counts.memberRemoved() : null,
                members ? IdleRun.round((counts.memberAdded() + counts.memberRemoved()) / seconds) : null,
                record.server());
    }

    private static LatencySummary summary(String encoded) {
        return encoded == null ? null : LatencySummary.of(Latencies.decode(encoded));
    }
}
