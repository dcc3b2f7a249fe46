package dev.starling.gateway.cluster.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import dev.starling.gateway.config.GatewayConfig;

/** A {@link GatewayConfig.Kafka} for tests: fast heartbeats and a short lease. */
record TestKafkaConfig(String servers, String prefix, Duration heartbeat, Duration lease, Duration publishTimeout)
        implements GatewayConfig.Kafka {

    static TestKafkaConfig of(String servers, String prefix) {
        return new TestKafkaConfig(servers, prefix, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Override
    public Optional<String> bootstrapServers() {
        return Optional.of(servers);
    }

    @Override
    public String topicPrefix() {
        return prefix;
    }

    @Override
    public int partitions() {
        return 4;
    }

    @Override
    public short replicationFactor() {
        return 1;
    }

    @Override
    public Duration eventsRetention() {
        return Duration.ofHours(1);
    }

    @Override
    public Duration heartbeatInterval() {
        return heartbeat;
    }

    @Override
    public Duration nodeLease() {
        return lease;
    }

    @Override
    public Duration linger() {
        return Duration.ofMillis(1);
    }

    @Override
    public Duration fetchMaxWait() {
        return Duration.ofMillis(5);
    }

    @Override
    public Map<String, String> properties() {
        return Map.of();
    }
}
