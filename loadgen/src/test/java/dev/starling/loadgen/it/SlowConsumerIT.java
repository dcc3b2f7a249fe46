package dev.starling.loadgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * slow-consumer against a gateway with a 64 KB outbound bound: the consumer that stops reading is closed with 4100,
 * the others keep receiving everything. On loopback the kernel gives each server socket about 4 MB of send buffer,
 * which must fill before the gateway's bound is reached, hence the sizeable traffic (about 6 MB per subscriber, in few large
 * frames to keep the CPU load low on a shared machine).
 */
class SlowConsumerIT {

    private static GatewayProcess gateway;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayProcess.start("-Dstarling.gateway.limits.max-outbound-bytes=65536");
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void theConsumerThatStopsReadingIsClosedWith4100() throws Exception {
        Loadgen.Run run = Loadgen.run(dir, "slow-consumer", "--port", Integer.toString(gateway.port()),
                "--connections", "5", "--slow-percent", "20", "--payload-bytes", "8000", "--rate", "80",
                "--in-flight", "2", "--baseline", "1", "--duration", "10", "--warmup", "1", "--drain", "10",
                "--server-pid", Long.toString(gateway.pid()));

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode slow = run.results().get("slow");
        assertThat(slow.get("designated").asInt()).isEqualTo(1);
        assertThat(slow.get("closedWith4100").asLong()).isEqualTo(1);
        assertThat(slow.get("stillOpen").asInt()).isZero();
        for (int i = 0; i < 2; i++) {
            assertThat(run.phase(i).get("dropped").asLong()).isZero();
            assertThat(run.phase(i).at("/latencyMs/count").asLong()).isEqualTo(run.phase(i).get("received").asLong());
            assertThat(run.phase(i).at("/latencyMs/p99Ms").asDouble()).isPositive();
        }
        assertThat(run.phase(1).at("/server/rssEndBytes").asLong()).isPositive();
    }
}
