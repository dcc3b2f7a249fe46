package dev.starling.gateway.channel;

import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.starling.gateway.app.App;
import dev.starling.gateway.cluster.ClusterBus;
import dev.starling.gateway.cluster.ClusterState;
import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.connection.Frame;
import dev.starling.gateway.time.GatewayClock;
import dev.starling.gateway.webhook.WebhookSink;
import dev.starling.protocol.channel.ChannelType;
import dev.starling.protocol.frame.ServerFrames;
import dev.starling.protocol.webhook.WebhookEvent;

/**
 * Tells a non-presence channel's subscribers its subscription count ({@code pusher_internal:subscription_count}, for
 * apps that opt in) and reports it as a {@code subscription_count} webhook. Channels with more subscribers than the
 * throttle threshold get at most one notification per throttle interval, carrying the count current at send time.
 * Presence channels (their members are the count) and encrypted channels get no count events.
 *
 * <p>The count a subscriber is told is the one {@link ChannelQueries} answers on this node at send time: the other
 * nodes' counts as replicated, with this node's own subscribers counted as they are now. So a subscriber is never
 * told a count that leaves itself out, even when another node's older count reaches this node after the
 * subscription was confirmed, exactly as on a single node. A count equal to the one this node's subscribers were
 * last told is not repeated, unless a subscriber joined since (it has not been told any). Both run on the channel's
 * delivery stripe, the same as indexing a subscriber, so no subscriber can slip in between reading the count and
 * handing it out. The {@code subscription_count} webhook carries the cluster-wide count of the transition, the same
 * on every node.
 */
@ApplicationScoped
public class SubscriptionCountNotifier {

    private static final class Throttle {
        long lastSentMillis;
        boolean scheduled;
        /** What this node's subscribers were last told; -1 after a subscriber joined that was told nothing yet. */
        long told = -1;
    }

    private final LocalSubscriptions local;
    private final ClusterBus bus;
    private final ClusterState state;
    private final ChannelQueries queries;
    private final WebhookSink webhooks;
    private final GatewayClock clock;
    private final int throttleAbove;
    private final long intervalMillis;
    private final ConcurrentHashMap<String, Throttle> throttles = new ConcurrentHashMap<>();

    public SubscriptionCountNotifier(LocalSubscriptions local, ClusterBus bus, ClusterState state,
            ChannelQueries queries, WebhookSink webhooks, GatewayClock clock, GatewayConfig config) {
        this.local = local;
        this.bus = bus;
        this.state = state;
        this.queries = queries;
        this.webhooks = webhooks;
        this.clock = clock;
        this.throttleAbove = config.subscriptionCount().throttleAbove();
        this.intervalMillis = config.subscriptionCount().throttleInterval().toMillis();
    }

    /**
     * The cluster-wide count of a channel changed to {@code count}; {@code reportWebhook} is true on the node that
     * caused the change. Runs on the channel's delivery stripe (where state updates are applied).
     */
    public void changed(App app, String channel, long count, boolean reportWebhook) {
        // Not on encrypted channels: pusher-java-client tries to decrypt every event there, internal ones included.
        boolean events = app.subscriptionCountEvents() && !ChannelType.of(channel).isEncrypted();
        boolean hook = reportWebhook && WebhookSink.wanted(app, "subscription_count");
        if (!events && !hook) {
            return;
        }
        String key = app.id() + '\n' + channel;
        if (count == 0) {
            throttles.remove(key);
            if (hook) {
                webhooks.emit(app, new WebhookEvent.SubscriptionCount(channel, 0));
            }
            return;
        }
        long now = clock.millis();
        Throttle throttle = throttles.computeIfAbsent(key, k -> new Throttle());
        long delay;
        synchronized (throttle) {
            if (count <= throttleAbove || now - throttle.lastSentMillis >= intervalMillis) {
                throttle.lastSentMillis = now;
                delay = 0;
            } else if (throttle.scheduled) {
                return;
            } else {
                throttle.scheduled = true;
                delay = throttle.lastSentMillis + intervalMillis - now;
            }
        }
        if (delay == 0) {
            send(app, channel, throttle, count, events, hook);
            return;
        }
        // The delayed notification runs in the channel's delivery order, like every other frame of the channel, so
        // it never reaches a new subscriber before its subscription_succeeded.
        clock.schedule(java.time.Duration.ofMillis(delay), () -> bus.execute(app.id(), channel, () -> {
            synchronized (throttle) {
                throttle.scheduled = false;
                throttle.lastSentMillis = clock.millis();
            }
            long current = state.channel(app.id(), channel).subscriptionCount();
            if (current > 0) {
                send(app, channel, throttle, current, events, hook);
            }
        }));
    }

    /**
     * A subscriber of {@code channel} was indexed on this node; called on the channel's delivery stripe right after.
     * The next count is sent even if it equals the last one, so the newcomer is told it.
     */
    public void subscribed(String appId, String channel) {
        Throttle throttle = throttles.get(appId + '\n' + channel);
        if (throttle != null) {
            synchronized (throttle) {
                throttle.told = -1;
            }
        }
    }

    private void send(App app, String channel, Throttle throttle, long clusterCount, boolean events, boolean hook) {
        if (events) {
            long count = queries.channel(app.id(), channel).subscriptionCount();
            boolean tell;
            synchronized (throttle) {
                tell = count > 0 && count != throttle.told;
                if (tell) {
                    throttle.told = count;
                }
            }
            if (tell) {
                Frame frame = Frame.shared(ServerFrames.subscriptionCount(channel, count));
                local.deliver(app.id(), channel, connection -> connection.send(frame));
            }
        }
        if (hook) {
            webhooks.emit(app, new WebhookEvent.SubscriptionCount(channel, clusterCount));
        }
    }
}
