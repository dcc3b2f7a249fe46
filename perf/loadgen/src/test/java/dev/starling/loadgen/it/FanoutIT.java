package dev.starling.loadgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** fanout against the real gateway: every publish reaches every subscriber, with a latency for each delivery. */
class FanoutIT {

    @TempDir
    Path dir;

    @Test
    void everyPublishReachesEverySubscriber() throws Exception {
        GatewayProcess gateway = SharedGateway.get();
        Loadgen.Run run = Loadgen.run(dir, "fanout", "--port", Integer.toString(gateway.port()), "--connections", "50",
                "--rate", "40", "--duration", "2", "--warmup", "0.5", "--server-pid", Long.toString(gateway.pid()),
                "--metrics-url", gateway.metricsUrl());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.record().get("scenario").asText()).isEqualTo("fanout");
        assertThat(run.results().at("/connections/subscribed").asInt()).isEqualTo(50);
        JsonNode phase = run.phase(0);
        long publishes = phase.get("publishes").asLong();
        assertThat(publishes).isPositive();
        assertThat(phase.get("expected").asLong()).isEqualTo(publishes * 50);
        assertThat(phase.get("received").asLong()).isEqualTo(publishes * 50);
        assertThat(phase.get("dropped").asLong()).isZero();
        assertThat(phase.at("/latencyMs/count").asLong()).isEqualTo(publishes * 50);
        assertThat(phase.at("/latencyMs/maxMs").asDouble()).isPositive();
        assertThat(run.results().at("/server/rssBeforeBytes").asLong()).isPositive();
        assertThat(run.results().at("/server/metricsAfter").toString()).contains("jvm_memory_used_bytes");
        assertThat(run.record().at("/machine/cpus").asInt()).isPositive();
        assertThat(run.summary()).contains("result: clean", "latency ms: p50");
    }

    @Test
    void privateChannelsAreSignedLocally() throws Exception {
        GatewayProcess gateway = SharedGateway.get();
        Loadgen.Run run = Loadgen.run(dir, "fanout", "--port", Integer.toString(gateway.port()), "--connections", "20",
                "--channel-type", "private", "--rate", "20", "--duration", "1", "--warmup", "0");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.results().at("/connections/subscribed").asInt()).isEqualTo(20);
        assertThat(run.phase(0).get("dropped").asLong()).isZero();
        assertThat(run.phase(0).get("received").asLong()).isPositive();
    }
}
