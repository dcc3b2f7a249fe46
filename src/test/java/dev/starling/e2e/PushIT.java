package dev.starling.e2e;

import static dev.starling.e2e.ClusterFixture.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.protocol.json.Json;
import dev.starling.push.support.WebPushReceiver;
import dev.starling.testkit.EmbeddedPostgresServer;
import dev.starling.testkit.SignedHttp;
import dev.starling.testkit.Signing;
import dev.starling.testkit.WebhookReceiver;
import dev.starling.testkit.WsClient;

/**
 * Gateways and push-service together (issue 11): a channel publish with {@code extras.push} both broadcasts and
 * reaches a Web Push subscription of the channel's interest (decrypted by a local push service that checks VAPID);
 * webhooks go through Kafka to push-service, so a member_removed survives the SIGKILL of the gateway that reported
 * it, and a comeback within the debounce cancels it across nodes.
 */
class PushIT {

    private static final String INSTANCE = "demo-instance";

    private static ClusterFixture cluster;
    private static EmbeddedPostgresServer postgres;
    private static PushServiceProcess push;
    private static WebPushReceiver browsers;

    @BeforeAll
    static void start() throws Exception {
        cluster = ClusterFixture.withBroker();
        postgres = EmbeddedPostgresServer.start();
        browsers = new WebPushReceiver();
        push = PushServiceProcess.start(Map.of(
                "starling.push.mode", "cluster",
                "starling.push.kafka.bootstrap-servers", cluster.kafka.bootstrapServers(),
                "starling.push.kafka.topic-prefix", cluster.topicPrefix(),
                "starling.push.kafka.partitions", "4",
                "starling.push.db.url", postgres.reactiveUrl(EmbeddedPostgresServer.DATABASE),
                "starling.push.db.username", EmbeddedPostgresServer.USER,
                "starling.push.db.password", "postgres", // trust authentication: any password
                "starling.push.web.allowed-endpoints", browsers.endpointPrefix(),
                "starling.push.webhooks.initial-backoff", "200ms"));
        cluster.startGateways(2, List.of(
                "-Dstarling.gateway.webhooks.delivery=push-service",
                "-Dstarling.gateway.default-app.push.instance-id=" + INSTANCE));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            cluster.close();
        } finally {
            push.close();
            browsers.close();
            postgres.close();
        }
    }

    @Test
    void aChannelPublishWithExtrasPushBroadcastsAndNotifiesTheChannelsInterest() throws Exception {
        publishAndExpectNotification(cluster.gateway(1).port(), cluster.gateway(0).port());
    }

    @Test
    void aSingleNodeGatewayPushesThroughPushServicesHttpApi() throws Exception {
        // The embedded default (no Kafka): the gateway hands extras.push to push-service's publish API itself.
        GatewayProcess solo = GatewayProcess.start("solo", List.of(
                "-Dstarling.gateway.cluster.mode=single-node",
                "-Dstarling.gateway.push.url=" + push.url(),
                "-Dstarling.gateway.default-app.push.instance-id=" + INSTANCE,
                "-Dstarling.gateway.default-app.push.secret-key=demo-secret-key"));
        try {
            publishAndExpectNotification(solo.port(), solo.port());
        } finally {
            solo.close();
        }
    }

    private static void publishAndExpectNotification(int subscriberPort, int publisherPort) throws Exception {
        String channel = "news-" + UUID.randomUUID().toString().substring(0, 8);
        String vapid = parse(get("/device_api/v1/instances/" + INSTANCE + "/web-vapid-public-key"))
                .path("vapidPublicKey").asText();
        WebPushReceiver.Subscription browser = browsers.subscribe(vapid);
        String device = parse(post("/device_api/v1/instances/" + INSTANCE + "/devices/web",
                "{\"token\":\"" + browser.token() + "\"}")).path("id").asText();
        post("/device_api/v1/instances/" + INSTANCE + "/devices/web/" + device + "/interests/" + channel, null);

        try (WsClient subscriber = WsClient.connect(subscriberPort, APP.key())) {
            subscriber.socketId();
            subscriber.send(Signing.subscribe(channel));
            subscriber.nextEvent("pusher_internal:subscription_succeeded");
            HttpResponse<String> published = SignedHttp.post(publisherPort, APP, "/apps/app-id/events",
                    "{\"name\":\"breaking\",\"channel\":\"" + channel + "\",\"data\":\"{}\",\"extras\":{\"push\":"
                            + "{\"web\":{\"notification\":{\"title\":\"Breaking\",\"body\":\"one call\"}}}}}");
            assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
            assertThat(subscriber.nextEvent("breaking").get("channel").asText()).isEqualTo(channel);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !browsers.messages(browser).isEmpty());
        WebPushReceiver.Message message = browsers.messages(browser).getFirst();
        assertThat(message.json().at("/notification/title").asText()).isEqualTo("Breaking");
        assertThat(message.json().at("/data/pusher/instanceId").asText()).isEqualTo(INSTANCE);
        assertThat(message.publishId()).startsWith("pubid-");
    }

    @Test
    void aMemberRemovedWebhookArrivesAlthoughTheGatewayThatSawItWasKilledRightAfter() throws Exception {
        String channel = "presence-kill-" + UUID.randomUUID().toString().substring(0, 8);
        GatewayProcess doomed = cluster.startGateway("gw-doomed");
        try (WsClient observer = WsClient.connect(cluster.gateway(1).port(), APP.key())) {
            String observerId = observer.socketId();
            observer.send(Signing.subscribePresence(APP, observerId, channel, "observer", "{}"));
            observer.nextEvent("pusher_internal:subscription_succeeded");
            WsClient leaving = WsClient.connect(doomed.port(), APP.key());
            leaving.send(Signing.subscribePresence(APP, leaving.socketId(), channel, "leaver", "{}"));
            leaving.nextEvent("pusher_internal:subscription_succeeded");
            observer.nextEvent("pusher_internal:member_added");
            leaving.close();
            observer.nextEvent("pusher_internal:member_removed");
            doomed.kill(); // the transition is known cluster-wide; its node is gone before the debounce ends
        }
        // Exactly once, although every node that saw the departure handed it to push-service.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hooks(channel, "member_removed"))
                .as("webhooks of %s: %s", channel, cluster.webhooks.events("/hooks", channel))
                .filteredOn(e -> e.path("user_id").asText().equals("leaver")).hasSize(1));
        WebhookReceiver.Received removed = cluster.webhooks.received().stream()
                .filter(r -> r.body().contains(channel) && r.body().contains("member_removed")
                        && r.body().contains("leaver")).findFirst().orElseThrow();
        assertThat(removed.signatureValid()).isTrue();
        assertThat(removed.json().at("/events/0/user_id").asText()).isEqualTo("leaver");
    }

    @Test
    void aComebackOnAnotherNodeWithinTheDebounceCancelsTheDeparture() {
        String channel = "presence-back-" + UUID.randomUUID().toString().substring(0, 8);
        try (WsClient first = WsClient.connect(cluster.gateway(0).port(), APP.key())) {
            first.send(Signing.subscribePresence(APP, first.socketId(), channel, "u1", "{}"));
            first.nextEvent("pusher_internal:subscription_succeeded");
            await().atMost(Duration.ofSeconds(30)).until(() -> hooks(channel, "member_added").size() == 1);
        }
        try (WsClient again = WsClient.connect(cluster.gateway(1).port(), APP.key())) {
            again.send(Signing.subscribePresence(APP, again.socketId(), channel, "u1", "{}"));
            again.nextEvent("pusher_internal:subscription_succeeded");
            // The debounce is 1 s; give push-service well past it to (wrongly) deliver the cancelled departure.
            sleep(ClusterFixture.DEBOUNCE.multipliedBy(4));
            assertThat(hooks(channel, "member_removed")).isEmpty();
            assertThat(hooks(channel, "member_added")).hasSize(1);
        }
    }

    private static List<JsonNode> hooks(String channel, String name) {
        return cluster.webhooks.events("/hooks", channel).stream()
                .filter(e -> name.equals(e.path("name").asText())).toList();
    }

    private static String get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(push.url() + path)).GET());
    }

    private static String post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(push.url() + path)).header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return response.body();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode parse(String json) throws Exception {
        return Json.MAPPER.readTree(json);
    }
}
