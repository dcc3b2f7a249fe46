package dev.starling.push.provider.fcm;

import java.time.Clock;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.starling.protocol.json.Json;
import dev.starling.push.config.PushConfig;
import dev.starling.push.delivery.Backoff;
import dev.starling.push.delivery.Outcome;
import dev.starling.push.delivery.PushProvider;
import dev.starling.push.delivery.Task;
import dev.starling.push.device.Platform;
import dev.starling.push.instance.Instance;
import dev.starling.push.publish.PushPayloads;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * FCM HTTP v1: {@code POST {endpoint}/v1/projects/{project}/messages:send} with {@code {"message":{…}}} (see
 * {@link PushPayloads#fcm}) and {@code Authorization: Bearer <OAuth2 access token>}.
 *
 * <p>Answers: 200 delivered; {@code UNREGISTERED}, or {@code INVALID_ARGUMENT} about {@code message.token}, prunes
 * the device; 401 drops the cached access token and retries; 429 and 5xx are retried (Retry-After honoured); other
 * errors ({@code SENDER_ID_MISMATCH}, an invalid message) are dead letters.
 */
@ApplicationScoped
public class FcmProvider implements PushProvider {

    private final PushConfig.Fcm config;
    private final FcmAccessTokens tokens;
    private final Clock clock;
    private final HttpClient client;

    public FcmProvider(PushConfig config, FcmAccessTokens tokens, Clock clock, Vertx vertx) {
        this.config = config.fcm();
        this.tokens = tokens;
        this.clock = clock;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) this.config.requestTimeout().toMillis())
                .setMaxPoolSize(Math.max(4, this.config.maxInFlight()))
                .setKeepAlive(true));
    }

    @PreDestroy
    void close() {
        client.closeAndAwait();
    }

    @Override
    public Platform platform() {
        return Platform.FCM;
    }

    @Override
    public boolean configured(Instance instance) {
        return instance.fcm().isPresent();
    }

    @Override
    public int maxInFlight() {
        return config.maxInFlight();
    }

    @Override
    public Uni<Outcome> send(Instance instance, Task task) {
        ObjectNode message = PushPayloads.fcm(task.request(), instance.id(), task.publishId(), task.token());
        if (message == null) {
            return Uni.createFrom().item(new Outcome.Fail("the publish has no fcm payload"));
        }
        String url = instance.fcm().orElseThrow().endpoint().replaceAll("/+$", "") + "/v1/projects/"
                + tokens.projectId(instance) + "/messages:send";
        return tokens.token(instance)
                .ifNoItem().after(config.requestTimeout()).fail()
                .flatMap(accessToken -> client.request(new RequestOptions().setMethod(HttpMethod.POST)
                                .setAbsoluteURI(url).setTimeout(config.requestTimeout().toMillis())
                                .putHeader("Authorization", "Bearer " + accessToken).putHeader("User-Agent", "Starling-Push")
                                .putHeader("Content-Type", "application/json; charset=UTF-8"))
                        .flatMap(request -> request.send(Buffer.buffer(message.toString())))
                        .flatMap(response -> response.body().map(body -> classify(instance, response.statusCode(),
                                body.toString(), response.getHeader("Retry-After")))))
                .onFailure().recoverWithItem(e -> Outcome.retry("network: " + e.getClass().getSimpleName()));
    }

    Outcome classify(Instance instance, int status, String body, String retryAfter) {
        if (status == 200) {
            return Outcome.delivered();
        }
        JsonNode error = parse(body).path("error");
        String fcmStatus = error.path("status").asText("");
        String errorCode = "";
        boolean aboutToken = false;
        for (JsonNode detail : error.path("details")) {
            if (detail.has("errorCode")) {
                errorCode = detail.get("errorCode").asText("");
            }
            for (JsonNode violation : detail.path("fieldViolations")) {
                aboutToken |= "message.token".equals(violation.path("field").asText());
            }
        }
        aboutToken |= error.path("message").asText("").toLowerCase(java.util.Locale.ROOT).contains("registration token");
        String reason = errorCode.isEmpty() ? (fcmStatus.isEmpty() ? "status_" + status : fcmStatus) : errorCode;
        if ("UNREGISTERED".equals(errorCode) || (status == 404 && "NOT_FOUND".equals(fcmStatus) && aboutToken)) {
            return new Outcome.Prune(reason);
        }
        if (status == 400 && ("INVALID_ARGUMENT".equals(errorCode) || "INVALID_ARGUMENT".equals(fcmStatus))) {
            return aboutToken ? new Outcome.Prune(reason) : new Outcome.Fail(reason);
        }
        if (status == 401) {
            tokens.invalidate(instance);
            return Outcome.retry(reason);
        }
        if (status == 429 || status >= 500) {
            return new Outcome.Retry(reason, Backoff.parseRetryAfter(retryAfter, clock.instant()));
        }
        return new Outcome.Fail(reason);
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node == null ? Json.MAPPER.createObjectNode() : node;
        } catch (Exception e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
