package dev.starling.loadgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** idle against the real gateway: levels of held connections, the server's memory sampled at each. */
class IdleIT {

    @TempDir
    Path dir;

    @Test
    void holdsEachLevelAndFitsTheMemorySlope() throws Exception {
        GatewayProcess gateway = SharedGateway.get();
        Loadgen.Run run = Loadgen.run(dir, "idle", "--port", Integer.toString(gateway.port()), "--connections",
                "30,60", "--duration", "0.5", "--server-pid", Long.toString(gateway.pid()), "--server-gc",
                "--metrics-url", gateway.metricsUrl());

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode idle = run.results().get("idle");
        assertThat(idle.get("levels")).hasSize(2);
        assertThat(idle.at("/levels/0/subscribed").asInt()).isEqualTo(30);
        assertThat(idle.at("/levels/1/subscribed").asInt()).isEqualTo(60);
        assertThat(idle.at("/levels/1/serverRssBytes").asLong()).isPositive();
        assertThat(idle.at("/levels/1/serverHeapBytes").asLong()).isPositive();
        assertThat(idle.get("rssBytesPerConnection").isNumber()).isTrue();
        assertThat(idle.get("heapBytesPerConnection").isNumber()).isTrue();
        assertThat(run.results().get("connectsPerSecond").asDouble()).isPositive();
        assertThat(run.summary()).contains("per connection: RSS");
    }
}
