package dev.starling.gateway.fanout;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.starling.gateway.app.App;
import dev.starling.gateway.app.AppRegistry;
import dev.starling.gateway.channel.CacheStore;
import dev.starling.gateway.channel.Delivery;
import dev.starling.gateway.channel.LocalSubscriptions;
import dev.starling.gateway.channel.SubscriptionCountNotifier;
import dev.starling.gateway.channel.SubscriptionService;
import dev.starling.gateway.cluster.ClusterBus;
import dev.starling.gateway.cluster.ClusterListener;
import dev.starling.gateway.cluster.ClusterState;
import dev.starling.gateway.cluster.Transition;
import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.history.HistoryBuffers;
import dev.starling.gateway.load.DeliveryBacklog;
import dev.starling.gateway.connection.Connection;
import dev.starling.gateway.connection.ConnectionRegistry;
import dev.starling.gateway.connection.Frame;
import dev.starling.gateway.metrics.GatewayMetrics;
import dev.starling.gateway.time.GatewayClock;
import dev.starling.gateway.user.UserSockets;
import dev.starling.gateway.user.Watchlists;
import dev.starling.gateway.webhook.WebhookSink;
import dev.starling.protocol.ErrorCode;
import dev.starling.protocol.channel.ChannelType;
import dev.starling.protocol.cluster.ChannelMessage;
import dev.starling.protocol.cluster.ControlMessage;
import dev.starling.protocol.cluster.StateUpdate;
import dev.starling.protocol.frame.ServerFrames;
import dev.starling.protocol.webhook.WebhookEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The node's {@link ClusterListener}.
 *
 * <p>Delivery guarantee: a channel message reaches every subscriber that was indexed on this node when it was
 * delivered, except the excluded socket, in the channel's cluster order; it is encoded once for all of them. A
 * message that reaches a subscriber's event loop more than {@code limits.max-delivery-delay} after its publish was
 * accepted is dropped for it and counted instead (an overloaded node sheds old work rather than delivering it late).
 * Member events and counts follow from the replica's transitions, identical on every node; webhooks for a transition
 * are emitted only by the node that published the update causing it, so once per cluster.
 *
 * <p>Dead nodes: the live node with the smallest id removes a dead node's entries by publishing their removals, so
 * the usual member events and webhooks follow. A node that finds its own live entries removed by another (it was
 * wrongly presumed dead, e.g. after a long pause) publishes them again.
 */
@ApplicationScoped
public class ClusterEvents implements ClusterListener {

    private static final Logger LOG = Logger.getLogger(ClusterEvents.class);

    private final ClusterBus bus;
    private final ClusterState state;
    private final AppRegistry apps;
    private final ConnectionRegistry connections;
    private final LocalSubscriptions local;
    private final UserSockets userSockets;
    private final CacheStore cache;
    private final SubscriptionService subscriptions;
    private final SubscriptionCountNotifier counts;
    private final Watchlists watchlists;
    private final WebhookSink webhooks;
    private final StateRepair repair;
    private final GatewayMetrics metrics;
    private final GatewayClock clock;
    private final DeliveryBacklog backlog;
    private final HistoryBuffers history;
    private final long maxDeliveryDelayMillis;

    public ClusterEvents(ClusterBus bus, ClusterState state, AppRegistry apps, ConnectionRegistry connections,
            LocalSubscriptions local, UserSockets userSockets, CacheStore cache, SubscriptionService subscriptions,
            SubscriptionCountNotifier counts, Watchlists watchlists, WebhookSink webhooks, StateRepair repair,
            GatewayMetrics metrics, GatewayClock clock, DeliveryBacklog backlog, HistoryBuffers history,
            GatewayConfig config) {
        this.backlog = backlog;
        this.history = history;
        this.maxDeliveryDelayMillis = config.limits().maxDeliveryDelay().toMillis();
        this.metrics = metrics;
        this.clock = clock;
        this.bus = bus;
        this.state = state;
        this.apps = apps;
        this.connections = connections;
        this.local = local;
        this.userSockets = userSockets;
        this.cache = cache;
        this.subscriptions = subscriptions;
        this.counts = counts;
        this.watchlists = watchlists;
        this.webhooks = webhooks;
        this.repair = repair;
    }

    void start(@Observes StartupEvent event) {
        bus.start(this);
    }

    @Override
    public void onMessageQueued(ChannelMessage message) {
        backlog.queued();
    }

    @Override
    public boolean acceptsMore() {
        return backlog.acceptsMore();
    }

    @Override
    public void onMessage(ChannelMessage message, String streamId, long serial) {
        PositionedFrame frame = new PositionedFrame(Frame.shared(message.frame()), streamId, serial);
        String excluded = message.excludeSocketId();
        ChannelType type = ChannelType.of(message.channel());
        int recipients;
        if (type == ChannelType.SERVER_TO_USER) {
            String userId = message.channel().substring(type.prefix().length());
            int[] count = {0};
            boolean stale = isStale(message.publishedAtMillis());
            userSockets.forEach(message.appId(), userId, c -> {
                if (!stale) {
                    deliver(c, frame, excluded);
                }
                count[0]++;
            });
            recipients = count[0];
            if (stale) {
                metrics.droppedStale(recipients);
            } else if (recipients > 0) {
                metrics.fanout(message.publishedAtMillis(), clock.millis());
            }
            backlog.done();
        } else {
            // Kept before it is handed out: a subscriber attaching on this stripe after this message sees it in
            // memory, one attaching before gets it live.
            App app = apps.byId(message.appId()).orElse(null);
            if (app != null) {
                history.append(app, message.channel(), serial, frame.frame(), message.publishedAtMillis());
            }
            // One task per event loop for all its subscribers: the frame is written on each socket's own thread.
            recipients = local.deliver(message.appId(), message.channel(), new Fanout(frame, excluded,
                    message.publishedAtMillis()));
            if (type.isCache() && message.source() == ChannelMessage.Source.API) {
                cache.put(message.appId(), message.channel(), frame.frame(), message.publishedAtMillis(), streamId,
                        serial);
            }
        }
        metrics.broadcast(message.publishedAtMillis(), recipients, clock.millis());
    }

    /** Whether a message accepted at {@code publishedAtMillis} waited too long to be worth delivering. */
    private boolean isStale(long publishedAtMillis) {
        return isStale(clock.millis(), publishedAtMillis, bus.isAvailable(), bus.recoveredAtMillis(),
                maxDeliveryDelayMillis);
    }

    /**
     * The staleness rule: a message is stale once it waited more than {@code boundMillis} on this node's side. The
     * time it spent in the bus during an outage does not count — an event acknowledged just before a Kafka outage is
     * delivered after it (the cluster's guarantee for acknowledged publishes), while one that waits behind an
     * overloaded node is dropped. While the bus is unreachable nothing is judged stale; after it came back, the
     * wait counts from its recovery.
     */
    static boolean isStale(long nowMillis, long publishedAtMillis, boolean busAvailable, long recoveredAtMillis,
            long boundMillis) {
        if (boundMillis <= 0 || publishedAtMillis <= 0 || !busAvailable) {
            return false;
        }
        return nowMillis - Math.max(publishedAtMillis, recoveredAtMillis) > boundMillis;
    }

    /**
     * The fan-out of one channel message to this node's subscribers. Each event loop checks the message's age before
     * its group: what waited longer than {@code limits.max-delivery-delay} is dropped and counted, not delivered late.
     */
    private final class Fanout implements Delivery {

        private final PositionedFrame frame;
        private final String excluded;
        private final long publishedAtMillis;
        private volatile boolean delivered;

        Fanout(PositionedFrame frame, String excluded, long publishedAtMillis) {
            this.frame = frame;
            this.excluded = excluded;
            this.publishedAtMillis = publishedAtMillis;
        }

        @Override
        public boolean beforeGroup(int members) {
            if (isStale(publishedAtMillis)) {
                metrics.droppedStale(members);
                return false;
            }
            delivered = true;
            return true;
        }

        @Override
        public void deliver(Connection connection) {
            ClusterEvents.deliver(connection, frame, excluded);
        }

        @Override
        public void completed() {
            backlog.done();
            if (delivered) {
                metrics.fanout(publishedAtMillis, clock.millis());
            }
        }
    }

    private static void deliver(Connection connection, PositionedFrame frame, String excluded) {
        if (excluded == null || !excluded.equals(connection.socketId())) {
            connection.send(frame.frameFor(connection));
        }
    }

    private static void deliver(Connection connection, Frame frame, String excluded) {
        if (excluded == null || !excluded.equals(connection.socketId())) {
            connection.send(frame);
        }
    }

    @Override
    public void onState(StateUpdate update, String origin) {
        Transition transition = state.apply(update);
        boolean mine = bus.nodeId().equals(origin);
        if (!mine && bus.nodeId().equals(update.nodeId())) {
            repair.removedByAnotherNode(update);
        }
        if (!transition.accepted()) {
            if (mine && update instanceof StateUpdate.PresenceJoined joined) {
                Connection connection = connections.get(joined.socketId());
                if (connection != null) {
                    subscriptions.presenceRefused(connection, joined.channel());
                }
            }
            return;
        }
        App app = apps.byId(update.appId()).orElse(null);
        if (app == null) {
            return; // the app was removed: keep the replica right, notify nobody
        }
        switch (update) {
            case StateUpdate.PresenceJoined joined -> presenceJoined(app, joined, transition, mine);
            case StateUpdate.PresenceLeft left -> presenceLeft(app, left, transition, mine);
            case StateUpdate.SubscriptionCount count -> {
                occupancy(app, count.channel(), transition, mine);
                if (transition.subscriptionCount() >= 0) {
                    counts.changed(app, count.channel(), transition.subscriptionCount(), mine);
                }
            }
            case StateUpdate.UserSignedIn in -> {
                if (transition.userOnline() && app.watchlistEvents()) {
                    watchlists.changed(app.id(), in.userId(), true);
                }
            }
            case StateUpdate.UserSignedOut out -> {
                if (transition.userOffline() && app.watchlistEvents()) {
                    watchlists.changed(app.id(), out.userId(), false);
                }
            }
        }
    }

    @Override
    public void onControl(ControlMessage message) {
        switch (message) {
            case ControlMessage.TerminateUserConnections terminate -> userSockets.forEach(terminate.appId(),
                    terminate.userId(), c -> c.close(ErrorCode.UNAUTHORIZED, "Connection terminated by the server"));
        }
    }

    @Override
    public void onNodeDown(String nodeId) {
        if (nodeId.equals(bus.nodeId())) {
            return;
        }
        String cleaner = bus.liveNodes().stream().filter(node -> !node.equals(nodeId)).findFirst().orElse(null);
        if (!bus.nodeId().equals(cleaner)) {
            return;
        }
        List<StateUpdate> removals = state.removalsFor(nodeId);
        if (!removals.isEmpty()) {
            LOG.infof("Removing %d entries of node %s from the cluster state", removals.size(), nodeId);
        }
        removals.forEach(bus::publish);
    }

    @Override
    public void onCacheRestored(ChannelMessage message) {
        cache.restore(message.appId(), message.channel(), Frame.shared(message.frame()), message.publishedAtMillis());
    }

    private void presenceJoined(App app, StateUpdate.PresenceJoined joined, Transition transition, boolean mine) {
        if (transition.memberAdded() != null) {
            Frame frame = Frame.shared(ServerFrames.memberAdded(joined.channel(), transition.memberAdded()));
            local.deliver(app.id(), joined.channel(), c -> deliver(c, frame, joined.socketId()));
            transition(app, new WebhookEvent.MemberAdded(joined.channel(), joined.userId()), transition, mine);
        }
        occupancy(app, joined.channel(), transition, mine);
        if (mine) {
            Connection connection = connections.get(joined.socketId());
            if (connection != null) {
                subscriptions.presenceJoined(connection, joined.channel(), transition.members());
            }
        }
    }

    private void presenceLeft(App app, StateUpdate.PresenceLeft left, Transition transition, boolean mine) {
        if (transition.memberRemoved() != null) {
            Frame frame = Frame.shared(ServerFrames.memberRemoved(left.channel(), transition.memberRemoved()));
            local.deliver(app.id(), left.channel(), c -> c.send(frame));
            transition(app, new WebhookEvent.MemberRemoved(left.channel(), transition.memberRemoved()), transition,
                    mine);
        }
        occupancy(app, left.channel(), transition, mine);
    }

    private void occupancy(App app, String channel, Transition transition, boolean mine) {
        if (transition.occupied()) {
            transition(app, new WebhookEvent.ChannelOccupied(channel), transition, mine);
        } else if (transition.vacated()) {
            transition(app, new WebhookEvent.ChannelVacated(channel), transition, mine);
        }
    }

    /**
     * Hands a transition to the webhook sink: to be reported when this node caused it, to be observed otherwise.
     * Not filtered by the app's event filters here: a comeback cancels a pending departure even if the app only wants
     * one of the two (the dispatcher applies the filters).
     */
    private void transition(App app, WebhookEvent event, Transition transition, boolean mine) {
        if (app.webhooks().isEmpty()) {
            return;
        }
        if (mine || webhooks.everyNodeEmits()) {
            webhooks.emit(app, event, cause(transition.update()));
        } else {
            webhooks.observe(app, event, cause(transition.update()));
        }
    }
    /** Names the update behind a transition, the same on every node (it is in the update itself). */
    private static String cause(StateUpdate update) {
        return switch (update) {
            case StateUpdate.PresenceJoined u -> "join\n" + u.socketId();
            case StateUpdate.PresenceLeft u -> "leave\n" + u.socketId();
            case StateUpdate.SubscriptionCount u -> "count\n" + u.nodeId() + '\n' + u.sequence();
            case StateUpdate.UserSignedIn u -> "in\n" + u.socketId();
            case StateUpdate.UserSignedOut u -> "out\n" + u.socketId();
        };
    }

}
