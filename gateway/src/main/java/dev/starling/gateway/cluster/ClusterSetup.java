package dev.starling.gateway.cluster;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.starling.gateway.app.App;
import dev.starling.gateway.app.AppRegistry;
import dev.starling.gateway.cluster.kafka.KafkaClusterBus;
import dev.starling.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;

/** Chooses the {@link ClusterBus} implementation from {@code starling.gateway.cluster.mode} and builds the replica. */
@ApplicationScoped
public class ClusterSetup {

    private static final Logger LOG = Logger.getLogger(ClusterSetup.class);

    @Produces
    @Singleton
    ClusterBus bus(GatewayConfig config, MeterRegistry registry) {
        String nodeId = config.nodeId().orElseGet(() -> "node-" + UUID.randomUUID().toString().substring(0, 8));
        ClusterBus bus = switch (config.cluster().mode()) {
            case SINGLE_NODE -> new InMemoryClusterBus(nodeId);
            case KAFKA -> new KafkaClusterBus(nodeId, config.cluster().kafka(), config.cache().ttl(), registry);
        };
        LOG.infof("Node %s starting in %s mode", nodeId, config.cluster().mode().name().toLowerCase().replace('_', '-'));
        return bus;
    }

    /** The outbox to push-service: Kafka in cluster mode (closed at shutdown, after the drain), none on a single node. */
    @Produces
    @Singleton
    Outbox outbox(GatewayConfig config, ClusterBus bus) {
        return switch (config.cluster().mode()) {
            case SINGLE_NODE -> Outbox.NONE;
            case KAFKA -> new dev.starling.gateway.cluster.kafka.KafkaOutbox(bus.nodeId(), config.cluster().kafka());
        };
    }

    void closeOutbox(@jakarta.enterprise.inject.Disposes Outbox outbox) {
        if (outbox instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warnf("Closing the outbox failed: %s", e.toString());
            }
        }
    }

    @Produces
    @Singleton
    ClusterState state(ClusterBus bus, AppRegistry apps, GatewayConfig config) {
        int fallback = config.limits().maxPresenceMembers();
        return new ClusterState(bus.nodeId(), appId -> apps.byId(appId).map(App::maxPresenceMembers).orElse(fallback));
    }
}
