package dev.starling.loadgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** churn against the real gateway: a baseline, then the same fanout while connections come and go. */
class ChurnIT {

    @TempDir
    Path dir;

    @Test
    void steadySubscribersMissNothingWhileOthersChurn() throws Exception {
        GatewayProcess gateway = SharedGateway.get();
        Loadgen.Run run = Loadgen.run(dir, "churn", "--port", Integer.toString(gateway.port()), "--connections", "30",
                "--rate", "20", "--baseline", "1", "--duration", "2", "--warmup", "0.5", "--churn-rate", "30",
                "--churn-lifetime", "0.3");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.phase(0).get("name").asText()).isEqualTo("baseline");
        assertThat(run.phase(1).get("name").asText()).isEqualTo("churn");
        for (int i = 0; i < 2; i++) {
            assertThat(run.phase(i).get("dropped").asLong()).isZero();
            assertThat(run.phase(i).at("/latencyMs/count").asLong()).isPositive();
        }
        JsonNode churn = run.results().get("churn");
        assertThat(churn.get("subscribed").asLong()).isPositive();
        assertThat(churn.get("failed").asLong()).isZero();
        assertThat(churn.at("/connectToSubscribedMs/count").asLong()).isEqualTo(churn.get("subscribed").asLong());
    }
}
