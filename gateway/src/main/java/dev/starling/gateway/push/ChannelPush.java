package dev.starling.gateway.push;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.starling.gateway.app.App;
import dev.starling.gateway.app.PushSettings;
import dev.starling.gateway.cluster.ClusterUnavailableException;
import dev.starling.gateway.cluster.Outbox;
import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.connection.Frame;
import dev.starling.gateway.time.GatewayClock;
import dev.starling.protocol.api.TriggerRequest;
import dev.starling.protocol.json.Json;
import dev.starling.protocol.push.BeamsNames;
import dev.starling.protocol.push.PushPublish;
import dev.starling.protocol.push.PushPublishCodec;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * Hands the push of a channel publish to push-service. Guarantee: the returned stage completes only once push-service
 * has the publish durably (Kafka acknowledged the record, or push-service answered 200), so a publish answered
 * {@code {}} both broadcast and will notify.
 */
@ApplicationScoped
public class ChannelPush {

    private final Outbox outbox;
    private final GatewayClock clock;
    private final boolean cluster;
    private final GatewayConfig.Push config;
    private final WebClient client;

    public ChannelPush(Outbox outbox, GatewayClock clock, GatewayConfig config, Vertx vertx) {
        this.outbox = outbox;
        this.clock = clock;
        this.cluster = config.cluster().mode() == GatewayConfig.Cluster.Mode.KAFKA;
        this.config = config.push();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) this.config.requestTimeout().toMillis())
                .setUserAgent("Starling-Gateway"));
    }

    /** Why {@code event}'s push cannot be accepted for {@code app}, or {@code null} when it can (or has none). */
    public String problem(App app, TriggerRequest event) {
        if (event.push() == null) {
            return null;
        }
        PushSettings push = app.push();
        if (push == null) {
            return "App " + app.id() + " has no push setting: 'extras.push' cannot be delivered";
        }
        if (Frame.utf8Length(event.push()) > config.maxBytes()) {
            return "'extras.push' is larger than " + config.maxBytes() + " bytes";
        }
        if (event.channels().size() > BeamsNames.MAX_INTERESTS_PER_PUBLISH) {
            return "A publish that pushes may target at most " + BeamsNames.MAX_INTERESTS_PER_PUBLISH + " channels";
        }
        for (String channel : event.channels()) {
            if (!BeamsNames.isValidInterest(push.interest(channel))) {
                return "Channel " + channel + " does not map to a valid push interest ('" + push.interest(channel)
                        + "': at most " + BeamsNames.MAX_INTEREST_LENGTH + " characters of A-Za-z0-9_-=@,.;)";
            }
        }
        if (!cluster && (config.url().isEmpty() || push.secretKey() == null)) {
            return "Push on a single node needs starling.gateway.push.url and the app's push.secretKey";
        }
        return null;
    }

    /** Hands {@code event}'s push (checked with {@link #problem}) to push-service; completes at once if it has none. */
    public CompletionStage<Void> publish(App app, TriggerRequest event) {
        if (event.push() == null) {
            return CompletableFuture.completedFuture(null);
        }
        PushSettings push = app.push();
        List<String> interests = new ArrayList<>(event.channels().size());
        event.channels().forEach(channel -> interests.add(push.interest(channel)));
        if (cluster) {
            PushPublish publish = PushPublish.toInterests("pubid-" + UUID.randomUUID(), push.instanceId(), interests,
                    event.push(), clock.millis());
            return outbox.send(Outbox.Topic.PUSH, PushPublishCodec.key(publish), PushPublishCodec.encodeBytes(publish));
        }
        return overHttp(push, interests, event.push());
    }

    private CompletionStage<Void> overHttp(PushSettings push, List<String> interests, String request) {
        ObjectNode body;
        try {
            body = (ObjectNode) Json.MAPPER.readTree(request);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("'extras.push' is not JSON", e));
        }
        ArrayNode list = body.putArray("interests");
        interests.forEach(list::add);
        CompletableFuture<Void> done = new CompletableFuture<>();
        client.postAbs(config.url().get() + "/publish_api/v1/instances/" + push.instanceId() + "/publishes/interests")
                .timeout(config.requestTimeout().toMillis())
                .putHeader("Authorization", "Bearer " + push.secretKey())
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(body.toString()))
                .onComplete(result -> {
                    if (result.succeeded() && result.result().statusCode() == 200) {
                        done.complete(null);
                    } else {
                        done.completeExceptionally(new ClusterUnavailableException("push-service did not accept the "
                                + "push: " + (result.succeeded() ? result.result().statusCode() + " "
                                        + result.result().bodyAsString() : result.cause().getMessage()), null));
                    }
                });
        return done;
    }
}
