package dev.starling.loadgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.loadgen.report.Json;

/**
 * The executable jar as a user runs it, with subscribers spread over two child processes and two source addresses:
 * the children's counts and histograms come back and add up.
 */
class ChildProcessesIT {

    @TempDir
    Path dir;

    @Test
    void subscribersInChildProcessesAddUp() throws Exception {
        GatewayProcess gateway = SharedGateway.get();
        Path jar = Path.of(System.getProperty("loadgen.jar", "target/starling-loadgen.jar"));
        assertThat(jar).exists();
        Path json = dir.resolve("fanout.json");
        Path output = dir.resolve("output.txt");
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-jar", jar.toString(), "fanout", "--port", Integer.toString(gateway.port()), "--processes", "2",
                "--connections", "40", "--channel-type", "private", "--source-addresses", "127.0.0.1,127.0.0.2",
                "--rate", "20", "--duration", "1.5", "--warmup", "0.5", "--json", json.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(finished).as(printed).isTrue();
        assertThat(process.exitValue()).as(printed).isZero();

        JsonNode record = Json.MAPPER.readTree(json.toFile());
        assertThat(record.at("/parameters/processes").asInt()).isEqualTo(2);
        assertThat(record.at("/results/client/processes").asInt()).isEqualTo(2);
        assertThat(record.at("/results/connections/subscribed").asInt()).isEqualTo(40);
        JsonNode phase = record.at("/results/phases/0");
        long publishes = phase.get("publishes").asLong();
        assertThat(phase.get("received").asLong()).isEqualTo(publishes * 40);
        assertThat(phase.get("dropped").asLong()).isZero();
        assertThat(phase.at("/latencyMs/count").asLong()).isEqualTo(publishes * 40);
        assertThat(printed).contains("result: clean");
        assertThat(List.of(printed.split("\n"))).noneMatch(line -> line.startsWith("@lg "));
    }
}
