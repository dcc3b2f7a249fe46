package dev.starling.loadgen.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.starling.loadgen.LoadOptions;
import dev.starling.loadgen.RunConfig;
import dev.starling.loadgen.group.ConnectReport;
import dev.starling.loadgen.stats.LatencySummary;
import picocli.CommandLine;

class SummaryTest {

    private static String print(RunResults results, String... args) {
        LoadOptions options = new LoadOptions();
        new CommandLine(options).parseArgs(args);
        RunConfig config = options.toConfig();
        RunReport report = new RunReport("t", config.scenario().cliName(), config, MachineInfo.current(), "start",
                "end", 1, results.problems().isEmpty(), results);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Summary.print(report, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static RunResults results(List<PhaseResult> phases, RunResults.Slow slow, List<String> problems) {
        return new RunResults(new ConnectReport(100, 99, 1, Map.of("timeout after 30000 ms", 1L), 500), 198.0,
                phases, null, null, slow, null, new RunResults.Server(42L, 100L << 20, 110L << 20, 120L << 20, null,
                        null), new RunResults.Client(1, 2.5, 3, 40, true, Map.of(), Map.of()), problems);
    }

    @Test
    void showsConnectionsPhasesLatencyServerAndProblems() {
        LatencySummary latency = new LatencySummary(990, 1.1, 0.9, 1.5, 3.25, 7.5, 12);
        PhaseResult phase = new PhaseResult("measure", 10, 10.0, 10L, 0L, null, 1.0, 0L, latency, 990L, 990, 0L,
                99, latency, null, null, null, null, null, new PhaseResult.ServerSpan(1L << 20, 2L << 20, 0.25));
        String text = print(results(List.of(phase), null, List.of("1 connections failed: {timeout=1}")), "fanout",
                "--connections", "100", "--json", "out.json");
        assertThat(text).contains("fanout", "connect+subscribe: 99/100 in 0.50 s = 198/s, failed 1")
                .contains("phase measure (10.0 s):", "publishes 10 ok (1.0/s, target 10/s)")
                .contains("deliveries 990 received of 990 expected, dropped 0, 99/s")
                .contains("latency ms: p50 0.90  p90 1.50  p99 3.25  p99.9 7.50  max 12.00")
                .contains("server: RSS 1.0 MB → 2.0 MB, CPU 0.25 cores")
                .contains("server pid 42: RSS 100.0 MB → 110.0 MB (max 120.0 MB)")
                .contains("result: PROBLEMS", "  - 1 connections failed", "json: out.json");
    }

    @Test
    void reportsSlowConsumers() {
        String text = print(results(List.of(), new RunResults.Slow(2, Map.of(4100, 2L), 2, 0, 300), List.of()),
                "slow-consumer");
        assertThat(text).contains("slow consumers: 2 designated, closed {4100=2} (4100: 2), still open 0",
                "result: clean");
    }
}
