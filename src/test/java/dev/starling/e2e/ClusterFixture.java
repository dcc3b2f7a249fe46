package dev.starling.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.starling.testkit.AppCredentials;
import dev.starling.testkit.WebhookReceiver;

/**
 * A real cluster for one test class: a Kafka broker process, a webhook receiver, and gateway processes started from
 * the packaged application in Kafka mode (fast heartbeats, a 6 s lease, a 1 s webhook debounce).
 */
final class ClusterFixture implements AutoCloseable {

    static final AppCredentials APP = AppCredentials.of("app-id", "app-key", "app-secret");
    static final Duration LEASE = Duration.ofSeconds(6);
    static final Duration DEBOUNCE = Duration.ofSeconds(1);

    final KafkaProcess kafka;
    final WebhookReceiver webhooks;
    final List<GatewayProcess> gateways = new ArrayList<>();
    private final String topicPrefix = "e2e" + UUID.randomUUID().toString().substring(0, 6) + ".";
    private final List<String> extraProperties = new ArrayList<>();

    private ClusterFixture() throws Exception {
        kafka = KafkaProcess.start();
        webhooks = new WebhookReceiver(Map.of(APP.key(), APP.secret()));
    }

    /** A broker and {@code nodes} gateways, started in parallel. */
    static ClusterFixture start(int nodes) throws Exception {
        return start(nodes, List.of());
    }

    /** A broker and {@code nodes} gateways with extra JVM options, started in parallel. */
    static ClusterFixture start(int nodes, List<String> properties) throws Exception {
        ClusterFixture cluster = withBroker();
        cluster.startGateways(nodes, properties);
        return cluster;
    }

    /** A broker (and the webhook receiver) only; gateways follow with {@link #startGateways}. */
    static ClusterFixture withBroker() throws Exception {
        return new ClusterFixture();
    }

    /** Starts {@code nodes} gateways in parallel, with extra JVM options. */
    void startGateways(int nodes, List<String> properties) {
        extraProperties.addAll(properties);
        List<CompletableFuture<GatewayProcess>> starting = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            String name = "gw-" + i;
            starting.add(CompletableFuture.supplyAsync(() -> startGatewayUnchecked(name)));
        }
        starting.forEach(f -> gateways.add(f.join()));
    }

    GatewayProcess gateway(int index) {
        return gateways.get(index);
    }

    /** Starts one more gateway (e.g. one that joins late). */
    GatewayProcess startGateway(String nodeId) throws Exception {
        GatewayProcess gateway = GatewayProcess.start(nodeId, properties());
        gateways.add(gateway);
        return gateway;
    }

    /**
     * Starts a gateway in single-node mode (no Kafka), with the same settings otherwise and its webhooks on
     * {@code /single-hooks}: the reference a cluster is compared against.
     */
    GatewayProcess startSingleNode(String nodeId) throws Exception {
        GatewayProcess gateway = GatewayProcess.start(nodeId, List.of(
                "-Dstarling.gateway.webhooks.debounce=" + DEBOUNCE.toSeconds() + "s",
                "-Dstarling.gateway.default-app.webhooks[0].url=" + webhooks.url("/single-hooks"),
                "-Dstarling.gateway.drain.grace=0s",
                "-Dstarling.gateway.drain.timeout=15s"));
        gateways.add(gateway);
        return gateway;
    }

    private GatewayProcess startGatewayUnchecked(String nodeId) {
        try {
            return GatewayProcess.start(nodeId, properties());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String topicPrefix() {
        return topicPrefix;
    }

    private List<String> properties() {
        List<String> properties = new ArrayList<>(extraProperties);
        properties.addAll(List.of(
                "-Dstarling.gateway.cluster.mode=kafka",
                "-Dstarling.gateway.cluster.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "-Dstarling.gateway.cluster.kafka.topic-prefix=" + topicPrefix,
                "-Dstarling.gateway.cluster.kafka.partitions=4",
                "-Dstarling.gateway.cluster.kafka.replication-factor=1",
                "-Dstarling.gateway.cluster.kafka.heartbeat-interval=1s",
                "-Dstarling.gateway.cluster.kafka.node-lease=" + LEASE.toSeconds() + "s",
                "-Dstarling.gateway.cluster.kafka.publish-timeout=3s",
                "-Dstarling.gateway.webhooks.debounce=" + DEBOUNCE.toSeconds() + "s",
                "-Dstarling.gateway.default-app.webhooks[0].url=" + webhooks.url("/hooks"),
                "-Dstarling.gateway.drain.grace=0s",
                "-Dstarling.gateway.drain.timeout=15s"));
        return properties;
    }

    @Override
    public void close() throws Exception {
        for (GatewayProcess gateway : gateways) {
            gateway.close();
        }
        webhooks.stop();
        kafka.close();
    }
}
