package dev.starling.gateway.cluster.kafka;

import java.time.Duration;
import java.util.UUID;

import dev.starling.gateway.cluster.ClusterBus;
import dev.starling.gateway.cluster.ClusterBusContract;

/** The {@link ClusterBusContract} for the Kafka bus, on a real broker; every test gets topics of its own. */
class KafkaClusterBusContractTest extends ClusterBusContract {

    private final String prefix = "c" + UUID.randomUUID().toString().substring(0, 8) + ".";

    @Override
    protected ClusterBus createBus(String nodeId) {
        return new KafkaClusterBus(nodeId, TestKafkaConfig.of(KafkaBroker.servers(), prefix), Duration.ofMinutes(30));
    }
}
