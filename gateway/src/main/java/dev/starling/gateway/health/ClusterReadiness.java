package dev.starling.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.starling.gateway.cluster.ClusterBus;
import dev.starling.gateway.connection.DrainState;

/**
 * Ready when this node has read the cluster state, its bus accepts publishes and it is not draining; a load balancer
 * then sends it traffic. (On {@code /q/health/ready} of the management port.)
 */
@Readiness
@ApplicationScoped
public class ClusterReadiness implements HealthCheck {

    private final ClusterBus bus;
    private final DrainState drain;

    public ClusterReadiness(ClusterBus bus, DrainState drain) {
        this.bus = bus;
        this.drain = drain;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("cluster")
                .status(bus.isReady() && bus.isAvailable() && !drain.isDraining())
                .withData("draining", drain.isDraining())
                .withData("node", bus.nodeId())
                .withData("synchronized", bus.isReady())
                .withData("bus-available", bus.isAvailable())
                .withData("live-nodes", bus.liveNodes().size())
                .build();
    }
}
