package dev.starling.loadgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** many-channels against the real gateway: every channel published at its rate, each reaching its subscribers. */
class ManyChannelsIT {

    @TempDir
    Path dir;

    @Test
    void everyChannelReachesItsSubscribers() throws Exception {
        GatewayProcess gateway = SharedGateway.get();
        Loadgen.Run run = Loadgen.run(dir, "many-channels", "--port", Integer.toString(gateway.port()),
                "--connections", "60", "--channels", "30", "--channel-rate", "4", "--duration", "2", "--warmup",
                "0.5");

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode phase = run.phase(0);
        long publishes = phase.get("publishes").asLong();
        assertThat(phase.get("targetRate").asDouble()).isEqualTo(120);
        assertThat(publishes).isPositive();
        assertThat(phase.get("expected").asLong()).isEqualTo(publishes * 2); // two subscribers per channel
        assertThat(phase.get("received").asLong()).isEqualTo(publishes * 2);
        assertThat(phase.at("/latencyMs/count").asLong()).isEqualTo(publishes * 2);
    }
}
