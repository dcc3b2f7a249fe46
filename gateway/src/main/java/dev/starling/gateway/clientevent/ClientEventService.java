package dev.starling.gateway.clientevent;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.starling.gateway.app.App;
import dev.starling.gateway.cluster.ClusterBus;
import dev.starling.gateway.connection.Connection;
import dev.starling.gateway.connection.Frame;
import dev.starling.gateway.connection.Subscription;
import dev.starling.gateway.metrics.GatewayMetrics;
import dev.starling.gateway.time.GatewayClock;
import dev.starling.gateway.webhook.WebhookSink;
import dev.starling.protocol.ErrorCode;
import dev.starling.protocol.api.TriggerRequest;
import dev.starling.protocol.channel.ChannelType;
import dev.starling.protocol.cluster.ChannelMessage;
import dev.starling.protocol.frame.ClientFrame;
import dev.starling.protocol.frame.ServerFrames;
import dev.starling.protocol.webhook.WebhookEvent;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * Client events ({@code client-*}): accepted only when the app enabled them, on private and presence channels (and
 * their cache variants) the sender is subscribed to, within the data size limit and the per-connection rate
 * (token bucket, {@code limits.client-events-per-second}). They reach every other subscriber in the cluster — never
 * the sender — with {@code user_id} added on presence channels, and are reported as {@code client_event} webhooks.
 * Client events are never cached. Refusals get {@code pusher:error} (4301 for the rate limit); the connection stays.
 */
@ApplicationScoped
public class ClientEventService {

    private final ClusterBus bus;
    private final WebhookSink webhooks;
    private final GatewayClock clock;
    private final TimeMeter time;
    private final GatewayMetrics metrics;

    public ClientEventService(ClusterBus bus, WebhookSink webhooks, GatewayClock clock, GatewayMetrics metrics) {
        this.metrics = metrics;
        this.bus = bus;
        this.webhooks = webhooks;
        this.clock = clock;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.nanos();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
    }

    public void handle(Connection connection, ClientFrame.ClientEvent event) {
        App app = connection.app();
        String refusal = refusal(connection, app, event);
        if (refusal != null) {
            metrics.clientEvent("rejected");
            connection.send(ServerFrames.error(null, refusal));
            return;
        }
        if (!bucket(connection, app).tryConsume(1)) {
            metrics.clientEvent("rate_limited");
            connection.send(ServerFrames.error(ErrorCode.CLIENT_EVENT_RATE_LIMIT.code(), "Client event rejected: more than "
                    + app.clientEventsPerSecond() + " client events per second"));
            return;
        }
        Subscription subscription = connection.subscription(event.channel());
        String userId = subscription.member() == null ? null : subscription.member().userId();
        String frame = ServerFrames.channelEvent(event.event(), event.channel(), event.data(), userId);
        metrics.clientEvent("accepted");
        bus.publish(new ChannelMessage(app.id(), event.channel(), frame, connection.socketId(), ChannelMessage.Source.CLIENT,
                bus.nodeId(), clock.millis())).exceptionally(error -> {
                    connection.send(ServerFrames.error(null, "Client event not delivered: " + error.getMessage()));
                    return null;
                });
        if (WebhookSink.wanted(app, "client_event")) {
            webhooks.emit(app, new WebhookEvent.ClientEvent(event.channel(), event.event(), event.data(),
                    connection.socketId(), userId));
        }
    }

    private static String refusal(Connection connection, App app, ClientFrame.ClientEvent event) {
        if (!app.clientEvents()) {
            return "Client events are not enabled for this app";
        }
        if (event.channel() == null) {
            return "Client event " + event.event() + " has no channel";
        }
        if (!ChannelType.of(event.channel()).allowsClientEvents()) {
            return "Client events are only supported on private and presence channels, not on " + event.channel();
        }
        Subscription subscription = connection.subscription(event.channel());
        if (subscription == null || !subscription.active()) {
            return "Client event rejected: not subscribed to " + event.channel();
        }
        if (event.event().length() > TriggerRequest.MAX_EVENT_NAME_LENGTH) {
            return "Client event name is longer than " + TriggerRequest.MAX_EVENT_NAME_LENGTH + " characters";
        }
        if (event.data() != null && Frame.utf8Length(event.data()) > app.maxEventDataBytes()) {
            return "Client event data is larger than " + app.maxEventDataBytes() + " bytes";
        }
        return null;
    }

    private Bucket bucket(Connection connection, App app) {
        return connection.clientEventBucket(() -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(app.clientEventsPerSecond())
                        .refillGreedy(app.clientEventsPerSecond(), Duration.ofSeconds(1)).build())
                .withCustomTimePrecision(time)
                .build());
    }
}
