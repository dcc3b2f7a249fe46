package dev.starling.loadgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * slow-consumer against a gateway with a 64 KB outbound bound: the consumer that stops reading is closed with 4100
 * and the loadgen sees it. On loopback the kernel gives each server socket about 4 MB of send buffer, which must fill
 * before the gateway's bound is reached, hence the sizeable traffic (about 6 MB per subscriber, in few large frames
 * to keep the CPU load low).
 *
 * <p>What is asserted is the loadgen's part. The healthy subscribers' fate is reported, not asserted: at this
 * bandwidth the 64 KB bound leaves them about 100 ms of slack, and on a shared CI machine the gateway may stall longer
 * and close some of them with 4100 too (which the run then lists as a problem).
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
                "--in-flight", "2", "--baseline", "1", "--duration", "10", "--warmup", "1", "--drain", "5",
                "--server-pid", Long.toString(gateway.pid()));

        assertThat(run.exit()).as(run.toString()).isIn(0, 1);
        JsonNode slow = run.results().get("slow");
        assertThat(slow.get("designated").asInt()).as(run.toString()).isEqualTo(1);
        assertThat(slow.get("closedWith4100").asLong()).as(run.toString()).isEqualTo(1);
        assertThat(slow.get("stillOpen").asInt()).as(run.toString()).isZero();
        assertThat(slow.get("backlogRead").asLong()).isPositive();
        for (int i = 0; i < 2; i++) {
            assertThat(run.phase(i).get("received").asLong()).isPositive();
            assertThat(run.phase(i).at("/latencyMs/count").asLong()).isEqualTo(run.phase(i).get("received").asLong());
        }
        assertThat(run.results().get("problems").toString()).doesNotContain("slow consumers");
        assertThat(run.phase(1).at("/server/rssEndBytes").asLong()).isPositive();
    }
}
