package dev.starling.gateway.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import dev.starling.gateway.app.App;
import dev.starling.gateway.channel.ChannelQueries;
import dev.starling.gateway.cluster.ClusterBus;
import dev.starling.gateway.cluster.ClusterState;
import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.load.DeliveryBacklog;
import dev.starling.gateway.metrics.GatewayMetrics;
import dev.starling.gateway.push.ChannelPush;
import dev.starling.gateway.connection.Frame;
import dev.starling.gateway.time.GatewayClock;
import dev.starling.protocol.Parsed;
import dev.starling.protocol.api.InfoAttribute;
import dev.starling.protocol.api.TriggerRequest;
import dev.starling.protocol.channel.ChannelName;
import dev.starling.protocol.cluster.ChannelMessage;
import dev.starling.protocol.frame.ServerFrames;

/**
 * Publishes HTTP API events. Every event is validated before anything is published (a batch is all or nothing);
 * each channel's frame is encoded once here and travels encoded through the cluster.
 *
 * <p>Guarantee: the returned stage completes once the cluster bus accepted every message, so an acknowledged publish
 * reaches every live subscriber; it fails with {@link dev.starling.gateway.cluster.ClusterUnavailableException}
 * (HTTP 503) when the bus cannot accept it.
 */
@ApplicationScoped
public class EventPublisher {

    private final ClusterBus bus;
    private final ChannelQueries state;
    private final GatewayClock clock;
    private final GatewayConfig.Limits limits;
    private final DeliveryBacklog backlog;
    private final GatewayMetrics metrics;
    private final ChannelPush push;

    public EventPublisher(ClusterBus bus, ChannelQueries state, GatewayClock clock, GatewayConfig config,
            DeliveryBacklog backlog, GatewayMetrics metrics, ChannelPush push) {
        this.push = push;
        this.backlog = backlog;
        this.metrics = metrics;
        this.bus = bus;
        this.state = state;
        this.clock = clock;
        this.limits = config.limits();
    }

    /** Checks one event against the app's limits; throws {@link ApiException} (400 or 413). */
    public void validate(App app, TriggerRequest event, String where) {
        if (event.channels().size() > limits.maxChannelsPerPublish()) {
            throw ApiException.badRequest(where + "At most " + limits.maxChannelsPerPublish() + " channels per event");
        }
        for (String channel : event.channels()) {
            Parsed<ChannelName> name = ChannelName.parse(channel, limits.maxChannelNameLength());
            if (!name.isOk()) {
                throw ApiException.badRequest(where + "Channel '" + channel + "': " + name.reason());
            }
            if (name.value().type().isEncrypted() && event.channels().size() > 1) {
                throw ApiException.badRequest(where + "An event for an encrypted channel must target that channel only");
            }
        }
        int bytes = Frame.utf8Length(event.data());
        if (bytes > app.maxEventDataBytes()) {
            throw new ApiException(413, where + "Event data is " + bytes + " bytes, more than the limit of "
                    + app.maxEventDataBytes());
        }
        String pushProblem = push.problem(app, event);
        if (pushProblem != null) {
            throw ApiException.badRequest(where + pushProblem);
        }
    }

    /**
     * Refuses new publishes with 503 while this node's delivery backlog is full (see {@link DeliveryBacklog}): the
     * caller learns at once that it should retry, instead of its event being queued behind work the node cannot
     * deliver in time.
     */
    public void admit() {
        if (backlog.isOverloaded()) {
            metrics.publishRefusedOverloaded();
            throw ApiException.unavailable("This node is overloaded (" + backlog.pending()
                    + " messages waiting for delivery); retry shortly", 1);
        }
    }

    /**
     * Publishes a validated event to each of its channels, and its push (if it has one) to push-service; completes
     * when all were accepted. A failure is reported even if part of it was accepted (e.g. broadcast but not pushed).
     */
    public CompletionStage<Void> publish(App app, TriggerRequest event) {
        long now = clock.millis();
        List<CompletableFuture<Void>> accepted = new ArrayList<>(event.channels().size() + 1);
        accepted.add(push.publish(app, event).toCompletableFuture());
        for (String channel : event.channels()) {
            String frame = ServerFrames.channelEvent(event.name(), channel, event.data(), null);
            accepted.add(bus.publish(new ChannelMessage(app.id(), channel, frame, event.socketId(),
                    ChannelMessage.Source.API, bus.nodeId(), now)).toCompletableFuture());
        }
        return CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new));
    }

    /** The attributes asked for with {@code info}, per channel, as the reply's {@code channels} object. */
    public Map<String, Object> info(App app, TriggerRequest event) {
        Map<String, Object> channels = new LinkedHashMap<>();
        for (String channel : event.channels()) {
            channels.put(channel, attributes(app, channel, event));
        }
        return channels;
    }

    /** The attributes of one channel (for a batch event, which has exactly one). */
    public Map<String, Object> attributes(App app, String channel, TriggerRequest event) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        ClusterState.ChannelInfo info = state.channel(app.id(), channel);
        boolean presence = ChannelName.parse(channel, Integer.MAX_VALUE).value().type().isPresence();
        if (event.info().contains(InfoAttribute.USER_COUNT) && presence) {
            attributes.put("user_count", info.userCount());
        }
        if (event.info().contains(InfoAttribute.SUBSCRIPTION_COUNT)) {
            attributes.put("subscription_count", info.subscriptionCount());
        }
        return attributes;
    }
}
