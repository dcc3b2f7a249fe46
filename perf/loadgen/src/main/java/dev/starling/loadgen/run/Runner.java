package dev.starling.loadgen.run;

import java.io.PrintStream;

import dev.starling.loadgen.RunConfig;
import dev.starling.loadgen.Scenario;
import dev.starling.loadgen.client.ClientTransport;
import dev.starling.loadgen.group.GroupReport;
import dev.starling.loadgen.report.RunResults;
import dev.starling.loadgen.stats.ProcessStats;

/**
 * Runs one scenario: opens this process's transport, the subscriber groups and the server watch, hands them to the
 * idle or the streaming run, and closes everything again whatever happens.
 */
public final class Runner {

    private Runner() {
    }

    /** Progress lines go to {@code log}; the results come back. */
    public static RunResults run(RunConfig config, PrintStream log) throws Exception {
        try (ClientTransport transport = new ClientTransport(config.eventLoops(), config.sourceAddresses(),
                config.receiveBufferBytes(), config.subscriberSpec().slowReceiveBufferBytes(),
                RunConfig.millis(config.connectTimeoutSeconds()));
                ServerWatch watch = new ServerWatch(config);
                Groups groups = new Groups(config, transport, log)) {
            return config.scenario() == Scenario.IDLE ? new IdleRun(config, groups, watch, log).run()
                    : new StreamRun(config, transport, groups, watch, log).run();
        }
    }

    /** Generous bound for connecting {@code count} connections with the run's ramp and timeouts. */
    static long connectBudgetMillis(RunConfig config, int count) {
        double seconds = config.ramp() > 0 ? count / config.ramp() : count / 200.0;
        return RunConfig.millis(seconds + config.connectTimeoutSeconds() + 30);
    }

    static RunResults.Client client(RunConfig config, Groups groups, GroupReport report) {
        double cpu = report.cpuSeconds();
        long gcCount = report.gcCount();
        long gcMillis = report.gcMillis();
        if (groups.inChildren()) { // the parent publishes and churns: its own cost counts too
            cpu += ProcessStats.cpuSeconds();
            gcCount += ProcessStats.gcCount();
            gcMillis += ProcessStats.gcMillis();
        }
        return new RunResults.Client(config.processes(), Math.round(cpu * 100) / 100.0, gcCount, gcMillis,
                report.nativeTransport(), report.closes(), report.refusals());
    }
}
