package dev.starling.gateway.load;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import dev.starling.gateway.config.GatewayConfig;

/**
 * Channel messages this node has been handed by the bus (published here, or read from the cluster) and not yet
 * delivered to every local subscriber: the work queued in the node, between the bus and the sockets.
 *
 * <p>Guarantee: when it reaches {@code limits.max-pending-messages} the node is overloaded — its HTTP API refuses
 * publishes with 503 and, in cluster mode, it stops reading the events topic until it is under the limit again (the
 * backlog then waits in Kafka, not in memory). So memory and delivery delay stay bounded however fast publishes come.
 */
@ApplicationScoped
public class DeliveryBacklog {

    private final AtomicLong pending = new AtomicLong();
    private final int max;

    public DeliveryBacklog(GatewayConfig config) {
        this.max = config.limits().maxPendingMessages();
    }

    public void queued() {
        pending.incrementAndGet();
    }

    public void done() {
        pending.decrementAndGet();
    }

    public long pending() {
        return pending.get();
    }

    public int max() {
        return max;
    }

    public boolean isOverloaded() {
        return pending.get() >= max;
    }

    private volatile boolean holding;

    /**
     * Whether more messages should be read from the cluster: false from the moment the backlog is full until it is
     * under half of the limit again (so reading does not stop and start at every message at the edge).
     */
    public boolean acceptsMore() {
        long now = pending.get();
        if (holding && now < max / 2) {
            holding = false;
        } else if (!holding && now >= max) {
            holding = true;
        }
        return !holding;
    }
}
