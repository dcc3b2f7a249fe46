package dev.starling.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.starling.gateway.cluster.ClusterBus;

/**
 * Ready when this node has read the cluster state and its bus accepts publishes; a load balancer then sends it
 * traffic. (On {@code /q/health/ready} of the management port.)
 */
@Readiness
@ApplicationScoped
public class ClusterReadiness implements HealthCheck {

    private final ClusterBus bus;

    public ClusterReadiness(ClusterBus bus) {
        this.bus = bus;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("cluster")
                .status(bus.isReady() && bus.isAvailable())
                .withData("node", bus.nodeId())
                .withData("synchronized", bus.isReady())
                .withData("bus-available", bus.isAvailable())
                .withData("live-nodes", bus.liveNodes().size())
                .build();
    }
}
