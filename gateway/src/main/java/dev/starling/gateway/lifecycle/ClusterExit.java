package dev.starling.gateway.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.starling.gateway.cluster.ClusterBus;
import dev.starling.gateway.connection.Connection;
import dev.starling.gateway.connection.ConnectionRegistry;
import dev.starling.gateway.ws.ConnectionLifecycle;
import dev.starling.protocol.ErrorCode;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Leaves the cluster cleanly on shutdown: every connection is told to reconnect (4200, so clients move to another
 * node at once), its members, subscriptions and sign-ins are removed from the cluster state exactly once, and the
 * bus is flushed and says goodbye — so other nodes report each member's departure once and never wait for a lease.
 */
@ApplicationScoped
public class ClusterExit {

    private static final Logger LOG = Logger.getLogger(ClusterExit.class);

    private final ConnectionRegistry connections;
    private final ConnectionLifecycle lifecycle;
    private final ClusterBus bus;

    public ClusterExit(ConnectionRegistry connections, ConnectionLifecycle lifecycle, ClusterBus bus) {
        this.connections = connections;
        this.lifecycle = lifecycle;
        this.bus = bus;
    }

    void onShutdown(@Observes ShutdownEvent event) {
        int count = connections.count();
        connections.forEach(connection -> leave(connection));
        if (count > 0) {
            LOG.infof("Closed %d connection(s) with 4200 on shutdown", count);
        }
        bus.stop();
    }

    private void leave(Connection connection) {
        connection.close(ErrorCode.RECONNECT, "Server shutting down, reconnect");
        lifecycle.closed(connection, ErrorCode.RECONNECT.code());
    }
}
