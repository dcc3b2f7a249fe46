package dev.starling.loadgen.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.loadgen.LoadOptions;
import dev.starling.loadgen.RunConfig;
import dev.starling.loadgen.group.ChildProtocol;
import dev.starling.loadgen.group.ConnectReport;
import dev.starling.loadgen.group.GroupReport;
import dev.starling.loadgen.group.PhaseCounts;
import dev.starling.loadgen.group.PhaseStart;
import dev.starling.loadgen.stats.Latencies;
import dev.starling.loadgen.stats.LatencySummary;
import picocli.CommandLine;

class JsonRecordTest {

    private static RunConfig config() {
        LoadOptions options = new LoadOptions();
        new CommandLine(options).parseArgs("fanout", "--secret", "do-not-print", "--json", "out.json");
        return options.toConfig();
    }

    @Test
    void theRecordHasScenarioParametersMachineTimesAndResults() throws Exception {
        LatencySummary latency = new LatencySummary(10, 1, 1, 2, 3, 4, 5);
        PhaseResult phase = new PhaseResult("measure", 10, 20.0, 200L, 0L, null, 20.0, 0L, latency, 2000L, 2000,
                0L, 200, latency, null, null, null, null, null, new PhaseResult.ServerSpan(1L, 2L, 0.5));
        RunResults results = new RunResults(new ConnectReport(10, 10, 0, Map.of(), 100), 100.0, List.of(phase),
                null, null, null, null, new RunResults.Server(null, null, null, null, null, null),
                new RunResults.Client(1, 1.5, 1, 2, true, Map.of(), Map.of()), List.of());
        RunReport report = new RunReport("starling-loadgen 0.1.0", "fanout", config(), MachineInfo.current(),
                "2026-01-01T00:00:00Z", "2026-01-01T00:00:12Z", 12, true, results);
        String text = Json.MAPPER.writeValueAsString(report);
        JsonNode json = Json.MAPPER.readTree(text);
        assertThat(text).doesNotContain("do-not-print");
        assertThat(json.get("scenario").asText()).isEqualTo("fanout");
        assertThat(json.at("/parameters/scenario").asText()).isEqualTo("fanout");
        assertThat(json.at("/parameters/connections/0").asInt()).isEqualTo(1000);
        assertThat(json.at("/machine/cpus").asInt()).isPositive();
        assertThat(json.at("/machine/javaVersion").asText()).isNotEmpty();
        assertThat(json.at("/results/phases/0/dropped").asLong()).isZero();
        assertThat(json.at("/results/phases/0/latencyMs/p99Ms").asDouble()).isEqualTo(3);
        assertThat(json.at("/results/phases/0/latencySameNodeMs").isMissingNode()).isTrue();
        assertThat(json.get("ok").asBoolean()).isTrue();
    }

    @Test
    void childRepliesSurviveTheWire() throws Exception {
        org.HdrHistogram.Histogram h = Latencies.histogram();
        Latencies.record(h, 1234);
        GroupReport report = new GroupReport(List.of(new PhaseCounts(1, 2, 3, Latencies.encode(h), null, null)),
                new int[] {4, 5}, 9, Map.of(4100, 1L, -1, 2L), 1, Map.of(4100, 1L), 0, 7, Map.of("pusher:error 4301", 1L),
                3, 2, 1.5, 4, 40, true);
        ChildProtocol.Reply reply = new ChildProtocol.Reply("report", null, report, null);
        ChildProtocol.Reply back = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(reply),
                ChildProtocol.Reply.class);
        assertThat(back.report().subscribedPerChannel()).containsExactly(4, 5);
        assertThat(back.report().closes()).containsEntry(4100, 1L).containsEntry(-1, 2L);
        assertThat(Latencies.decode(back.report().phases().get(0).latency()).getTotalCount()).isEqualTo(1);
        ChildProtocol.Command command = new ChildProtocol.Command("phase", null, null, null,
                new PhaseStart(2, true, false, false));
        assertThat(Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(command), ChildProtocol.Command.class))
                .isEqualTo(command);
    }
}
