package dev.starling.loadgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * cluster against two gateway processes sharing a real (in-process KRaft) Kafka broker: subscribers on both nodes,
 * publishes through both, latency split by whether the event crossed the bus.
 */
class ClusterIT {

    private static EmbeddedKafkaBroker broker;
    private static GatewayProcess nodeA;
    private static GatewayProcess nodeB;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        for (String name : new String[] {"kafka", "org.apache.kafka", "state.change.logger"}) {
            Logger.getLogger(name).setLevel(Level.WARNING);
        }
        broker = new EmbeddedKafkaBroker().withKafkaPort(0).withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(p -> {
                    p.put("group.initial.rebalance.delay.ms", "0");
                    p.put("offsets.topic.num.partitions", "1");
                }).start();
        String servers = broker.getAdvertisedListeners().replaceFirst("^[A-Z]+://", "");
        String prefix = "lg" + UUID.randomUUID().toString().substring(0, 8) + ".";
        String[] kafka = {"-Dstarling.gateway.cluster.mode=kafka",
            "-Dstarling.gateway.cluster.kafka.bootstrap-servers=" + servers,
            "-Dstarling.gateway.cluster.kafka.topic-prefix=" + prefix,
            "-Dstarling.gateway.cluster.kafka.partitions=2",
            "-Dstarling.gateway.cluster.kafka.replication-factor=1"};
        nodeA = GatewayProcess.start(kafka);
        nodeB = GatewayProcess.start(kafka);
        nodeA.awaitReady();
        nodeB.awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        if (nodeA != null) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void publishesThroughEitherNodeReachSubscribersOnBoth() throws Exception {
        Loadgen.Run run = Loadgen.run(dir, "cluster", "--ports", nodeA.port() + "," + nodeB.port(), "--connections",
                "40", "--rate", "20", "--duration", "2", "--warmup", "1");

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode phase = run.phase(0);
        long publishes = phase.get("publishes").asLong();
        assertThat(phase.get("received").asLong()).isEqualTo(publishes * 40);
        assertThat(phase.get("dropped").asLong()).isZero();
        long same = phase.at("/latencySameNodeMs/count").asLong();
        long other = phase.at("/latencyOtherNodeMs/count").asLong();
        assertThat(same).isPositive();
        assertThat(other).isPositive();
        assertThat(same + other).isEqualTo(publishes * 40);
        assertThat(run.summary()).contains("same node", "other node");
    }
}
