package dev.starling.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.starling.gateway.connection.ConnectionRegistry;
import dev.starling.gateway.load.DeliveryBacklog;

/**
 * Not ready while the node is full (at its connection limit, until a few percent are free again) or overloaded (its
 * delivery backlog is full), so a load balancer sends new clients and publishes to other nodes. Connections already
 * open are not affected. Liveness is not: a full node is working as intended.
 */
@Readiness
@ApplicationScoped
public class CapacityReadiness implements HealthCheck {

    private final ConnectionRegistry connections;
    private final DeliveryBacklog backlog;

    public CapacityReadiness(ConnectionRegistry connections, DeliveryBacklog backlog) {
        this.connections = connections;
        this.backlog = backlog;
    }

    @Override
    public HealthCheckResponse call() {
        boolean full = connections.isFull();
        boolean overloaded = backlog.isOverloaded();
        return HealthCheckResponse.named("capacity")
                .status(!full && !overloaded)
                .withData("connections", connections.count())
                .withData("max-connections", connections.limit())
                .withData("pending-messages", backlog.pending())
                .withData("max-pending-messages", backlog.max())
                .build();
    }
}
