package dev.starling.gateway.channel;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.starling.gateway.app.App;
import dev.starling.gateway.cluster.ClusterBus;
import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.history.AttachPlan;
import dev.starling.gateway.history.ReplayService;
import dev.starling.gateway.connection.Connection;
import dev.starling.gateway.connection.SignedInUser;
import dev.starling.gateway.connection.Subscription;
import dev.starling.gateway.webhook.WebhookSink;
import dev.starling.protocol.Parsed;
import dev.starling.protocol.auth.SocketAuth;
import dev.starling.protocol.channel.ChannelName;
import dev.starling.protocol.channel.ChannelType;
import dev.starling.protocol.cluster.StateUpdate;
import dev.starling.protocol.frame.ClientFrame;
import dev.starling.protocol.frame.PositionedFrames;
import dev.starling.protocol.frame.PresenceMember;
import dev.starling.protocol.frame.Replay;
import dev.starling.protocol.frame.ServerFrames;
import dev.starling.protocol.frame.SubscriptionErrorType;
import dev.starling.protocol.webhook.WebhookEvent;

/**
 * Subscribing and unsubscribing, for every channel type.
 *
 * <p>Guarantees: a refused subscription gets {@code pusher:subscription_error} naming the channel and the connection
 * stays open. A presence subscription succeeds only once the cluster applied the join, and its
 * {@code subscription_succeeded} lists every member at that point, the subscriber included; members joining later
 * arrive as {@code member_added}. A new subscriber of a cache channel gets the cached event (or
 * {@code pusher:cache_miss}) right after {@code subscription_succeeded} and before any newer event.
 */
@ApplicationScoped
public class SubscriptionService {

    private final ClusterBus bus;
    private final LocalSubscriptions local;
    private final CountPublisher counts;
    private final CacheStore cache;
    private final WebhookSink webhooks;
    private final ReplayService replays;
    private final GatewayConfig.Limits limits;
    /** Protocol-2 presence joins on their way through the cluster, with what was read for their attach. */
    private final ConcurrentHashMap<String, ReplayService.Prepared> preparedJoins = new ConcurrentHashMap<>();

    public SubscriptionService(ClusterBus bus, LocalSubscriptions local, CountPublisher counts, CacheStore cache,
            WebhookSink webhooks, ReplayService replays, GatewayConfig config) {
        this.replays = replays;
        this.bus = bus;
        this.local = local;
        this.counts = counts;
        this.cache = cache;
        this.webhooks = webhooks;
        this.limits = config.limits();
    }

    public void subscribe(Connection connection, ClientFrame.Subscribe request) {
        Parsed<ChannelName> parsed = ChannelName.parse(request.channel(), limits.maxChannelNameLength());
        if (!parsed.isOk()) {
            refuse(connection, request.channel(), SubscriptionErrorType.INVALID_CHANNEL, parsed.reason());
            return;
        }
        ChannelName channel = parsed.value();
        Replay replay = connection.isPositioned() ? request.replay() : Replay.NONE;
        if (replay instanceof Replay.Malformed malformed) {
            refuse(connection, channel.name(), SubscriptionErrorType.INVALID_REPLAY, malformed.reason());
            return;
        }
        Subscription existing = connection.subscription(channel.name());
        if (existing != null) {
            if (existing.active() && !channel.type().isPresence()) {
                connection.send(ServerFrames.subscriptionSucceeded(channel.name()));
            }
            return;
        }
        if (connection.subscriptionCount() >= limits.maxChannelsPerConnection()) {
            refuse(connection, channel.name(), SubscriptionErrorType.LIMIT_REACHED,
                    "A connection may subscribe to at most " + limits.maxChannelsPerConnection() + " channels");
            return;
        }
        App app = connection.app();
        switch (channel.type()) {
            case SERVER_TO_USER -> subscribeServerToUser(connection, channel);
            case PRESENCE, PRESENCE_CACHE -> subscribePresence(connection, app, channel, request, replay);
            default -> {
                if (channel.type().requiresAuth() && !SocketAuth.verifyChannel(app.key(), app.secret(),
                        connection.socketId(), channel.name(), null, request.auth())) {
                    refuse(connection, channel.name(), SubscriptionErrorType.AUTH_ERROR, invalidSignature(channel, request));
                    return;
                }
                subscribeNow(connection, app, channel, replay);
            }
        }
    }

    public void unsubscribe(Connection connection, String channel) {
        Subscription subscription;
        synchronized (connection) {
            subscription = connection.removeSubscription(channel);
            if (subscription == null) {
                return;
            }
            local.remove(connection.appId(), channel, connection);
        }
        announceLeave(connection, subscription);
    }

    /** Leaves every channel of a connection that is going away. */
    public void unsubscribeAll(Connection connection) {
        List<Subscription> subscriptions;
        synchronized (connection) {
            subscriptions = connection.removeAllSubscriptions();
            subscriptions.forEach(s -> local.remove(connection.appId(), s.channel().name(), connection));
        }
        subscriptions.forEach(s -> announceLeave(connection, s));
    }

    /** The cluster applied this connection's presence join: confirm it with the member list. */
    public void presenceJoined(Connection connection, String channel, List<PresenceMember> members) {
        if (connection.isPositioned()) {
            ReplayService.Prepared prepared = preparedJoins.remove(joinKey(connection, channel));
            if (attach(connection, connection.app(), channel, prepared != null ? prepared
                    : ReplayService.Prepared.of(Replay.NONE), members)) {
                connection.markAuthorized();
            }
            return;
        }
        // Activation and indexing happen under the connection's lock, atomically with respect to unsubscribing,
        // so a connection that left meanwhile is never indexed; its leave follows the join in the channel's order.
        synchronized (connection) {
            if (!connection.activate(channel)) {
                return;
            }
            connection.markAuthorized();
            connection.send(ServerFrames.presenceSubscriptionSucceeded(channel, members));
            replayCache(connection, connection.app(), channel);
            local.add(connection.appId(), channel, connection);
        }
    }

    /** The cluster refused this connection's presence join (the channel is full). */
    public void presenceRefused(Connection connection, String channel) {
        preparedJoins.remove(joinKey(connection, channel));
        if (connection.removeSubscription(channel) != null) {
            refuse(connection, channel, SubscriptionErrorType.LIMIT_REACHED, "Presence channel " + channel + " is full ("
                    + connection.app().maxPresenceMembers() + " members)");
        }
    }

    private void subscribeServerToUser(Connection connection, ChannelName channel) {
        SignedInUser user = connection.user();
        if (user == null || !user.id().equals(channel.serverToUserId())) {
            refuse(connection, channel.name(), SubscriptionErrorType.AUTH_ERROR,
                    "Only the signed-in user " + channel.serverToUserId() + " may subscribe to " + channel.name());
            return;
        }
        // Events for the user reach every socket signed in as that user; the subscription only acknowledges it.
        connection.addSubscription(new Subscription(channel, null, true));
        connection.send(ServerFrames.subscriptionSucceeded(channel.name()));
    }

    private void subscribePresence(Connection connection, App app, ChannelName channel, ClientFrame.Subscribe request,
            Replay replay) {
        if (!SocketAuth.verifyChannel(app.key(), app.secret(), connection.socketId(), channel.name(), request.channelData(),
                request.auth())) {
            refuse(connection, channel.name(), SubscriptionErrorType.AUTH_ERROR, invalidSignature(channel, request));
            return;
        }
        Parsed<PresenceMember> member = PresenceMember.parseChannelData(request.channelData(),
                limits.maxPresenceUserIdLength(), limits.maxPresenceUserInfoBytes());
        if (!member.isOk()) {
            refuse(connection, channel.name(), SubscriptionErrorType.INVALID_CHANNEL_DATA, member.reason());
            return;
        }
        if (!connection.addSubscription(new Subscription(channel, member.value(), false))) {
            return;
        }
        StateUpdate.PresenceJoined join = new StateUpdate.PresenceJoined(app.id(), channel.name(),
                connection.socketId(), bus.nodeId(), member.value().userId(), member.value().userInfo());
        if (!connection.isPositioned()) {
            bus.publish(join);
            return;
        }
        // What the attach needs is read before the join is published, so that confirming it (when the cluster has
        // applied it) does not wait. Back on the connection's event loop, where its close is handled too: a
        // connection that left meanwhile publishes no join, and one that leaves later publishes its leave after it.
        replays.prepare(app, channel.name(), replay, prepared -> connection.executor().execute(() -> {
            if (connection.subscription(channel.name()) == null) {
                return;
            }
            preparedJoins.put(joinKey(connection, channel.name()), prepared);
            bus.publish(join);
        }));
    }

    private static String joinKey(Connection connection, String channel) {
        return connection.socketId() + '\n' + channel;
    }

    /**
     * Attaches a protocol-2 subscriber, on the channel's delivery stripe: indexed, confirmed with the attach
     * position, then the replay and its closing event, all before any later message of the channel. Returns false if
     * the subscription went away meanwhile.
     */
    private boolean attach(Connection connection, App app, String channel, ReplayService.Prepared prepared,
            List<PresenceMember> members) {
        AttachPlan plan = replays.plan(app, channel, prepared);
        synchronized (connection) {
            if (members == null ? connection.subscription(channel) == null : !connection.activate(channel)) {
                return false;
            }
            local.add(app.id(), channel, connection);
            connection.send(members == null
                    ? PositionedFrames.subscriptionSucceeded(channel, plan.streamId(), plan.serial())
                    : PositionedFrames.presenceSubscriptionSucceeded(channel, members, plan.streamId(), plan.serial()));
            if (prepared.replay() instanceof Replay.None) {
                replayCache(connection, app, channel);
            }
            for (String frame : plan.frames()) {
                connection.send(frame);
            }
            if (plan.control() != null) {
                connection.send(plan.control());
            }
        }
        return true;
    }

    private void subscribeNow(Connection connection, App app, ChannelName channel, Replay replay) {
        if (!connection.addSubscription(new Subscription(channel, null, true))) {
            return;
        }
        if (channel.type().requiresAuth()) {
            connection.markAuthorized();
        }
        if (connection.isPositioned()) {
            replays.prepare(app, channel.name(), replay, prepared -> bus.execute(app.id(), channel.name(), () -> {
                if (attach(connection, app, channel.name(), prepared, null)) {
                    counts.subscribed(app.id(), channel.name());
                }
            }));
            return;
        }
        // Confirming, replaying the cache and indexing run as one step in the channel's delivery order: every event
        // delivered after it reaches the new subscriber, none before, and the cached event comes first. An event
        // published after the client saw subscription_succeeded is therefore always delivered.
        bus.execute(app.id(), channel.name(), () -> {
            synchronized (connection) {
                if (connection.subscription(channel.name()) == null) {
                    return; // unsubscribed (or closed) before this ran
                }
                // Indexed before the confirmation is sent, so this node counts the subscription in its answers to
                // the HTTP API by the time the client can know it succeeded (read-your-writes). No delivery of this
                // channel can come between the two: both run in the channel's delivery order.
                local.add(app.id(), channel.name(), connection);
                connection.send(ServerFrames.subscriptionSucceeded(channel.name()));
                replayCache(connection, app, channel.name());
            }
            counts.subscribed(app.id(), channel.name());
        });
    }

    private void replayCache(Connection connection, App app, String channel) {
        if (!ChannelType.of(channel).isCache()) {
            return;
        }
        CacheStore.Cached cached = cache.get(app.id(), channel);
        if (cached != null) {
            connection.send(cached.frameFor(connection));
            return;
        }
        connection.send(ServerFrames.cacheMiss(channel));
        if (WebhookSink.wanted(app, "cache_miss") && cache.firstMiss(app.id(), channel)) {
            webhooks.emit(app, new WebhookEvent.CacheMiss(channel));
        }
    }

    private void announceLeave(Connection connection, Subscription subscription) {
        String appId = connection.appId();
        String channel = subscription.channel().name();
        preparedJoins.remove(joinKey(connection, channel));
        switch (subscription.channel().type()) {
            case SERVER_TO_USER -> {
            }
            case PRESENCE, PRESENCE_CACHE ->
                    bus.publish(new StateUpdate.PresenceLeft(appId, channel, connection.socketId(), bus.nodeId()));
            default -> counts.changed(appId, channel);
        }
    }

    private static String invalidSignature(ChannelName channel, ClientFrame.Subscribe request) {
        return request.auth() == null ? "Subscribing to " + channel.name() + " needs an auth signature"
                : "Invalid signature for " + channel.name();
    }

    private static void refuse(Connection connection, String channel, SubscriptionErrorType type, String error) {
        connection.send(ServerFrames.subscriptionError(channel, type, error));
    }
}
