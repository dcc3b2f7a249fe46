package dev.starling.gateway.fanout;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.starling.gateway.channel.CountPublisher;
import dev.starling.gateway.cluster.ClusterBus;
import dev.starling.gateway.connection.Connection;
import dev.starling.gateway.connection.ConnectionRegistry;
import dev.starling.gateway.connection.SignedInUser;
import dev.starling.gateway.connection.Subscription;
import dev.starling.protocol.cluster.StateUpdate;

/**
 * Puts back this node's entries that another node removed while they are still live here — which happens when this
 * node was presumed dead (it missed its lease during a long pause or a network cut) but was not. The members see the
 * user leave and come back; the cluster state ends up right.
 */
@ApplicationScoped
public class StateRepair {

    private static final Logger LOG = Logger.getLogger(StateRepair.class);

    private final ClusterBus bus;
    private final ConnectionRegistry connections;
    private final CountPublisher counts;

    public StateRepair(ClusterBus bus, ConnectionRegistry connections, CountPublisher counts) {
        this.bus = bus;
        this.connections = connections;
        this.counts = counts;
    }

    /** {@code update} describes this node but was published by another one. */
    void removedByAnotherNode(StateUpdate update) {
        switch (update) {
            case StateUpdate.PresenceLeft left -> {
                Connection connection = connections.get(left.socketId());
                Subscription subscription = connection == null ? null : connection.subscription(left.channel());
                if (subscription != null && subscription.member() != null) {
                    LOG.infof("Re-announcing presence of socket %s in %s removed by another node", left.socketId(),
                            left.channel());
                    bus.publish(new StateUpdate.PresenceJoined(left.appId(), left.channel(), left.socketId(),
                            bus.nodeId(), subscription.member().userId(), subscription.member().userInfo()));
                }
            }
            case StateUpdate.SubscriptionCount count -> counts.changed(count.appId(), count.channel());
            case StateUpdate.UserSignedOut out -> {
                Connection connection = connections.get(out.socketId());
                SignedInUser user = connection == null ? null : connection.user();
                if (user != null) {
                    bus.publish(new StateUpdate.UserSignedIn(out.appId(), user.id(), out.socketId(), bus.nodeId()));
                }
            }
            default -> {
            }
        }
    }
}
