package dev.starling.loadgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** presence against the real gateway: signed presence subscriptions, members leaving and rejoining. */
class PresenceIT {

    @TempDir
    Path dir;

    @Test
    void membersLeaveAndRejoinAndTheOthersHearOfIt() throws Exception {
        GatewayProcess gateway = SharedGateway.get();
        Loadgen.Run run = Loadgen.run(dir, "presence", "--port", Integer.toString(gateway.port()), "--connections",
                "40", "--channels", "4", "--duration", "2", "--toggle-rate", "20", "--toggle-away", "0.1");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.results().at("/connections/subscribed").asInt()).isEqualTo(40);
        assertThat(run.results().at("/presence/leaves").asLong()).isGreaterThan(10);
        assertThat(run.results().at("/presence/joins").asLong()).isPositive();
        assertThat(run.phase(0).get("memberRemoved").asLong()).isPositive();
        assertThat(run.phase(0).get("memberAdded").asLong()).isPositive();
        assertThat(run.phase(0).get("memberEventsPerSecond").asDouble()).isPositive();
        assertThat(run.phase(0).has("publishes")).isFalse();
    }
}
