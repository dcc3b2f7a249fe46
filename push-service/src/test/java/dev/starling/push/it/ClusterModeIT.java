package dev.starling.push.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.starling.protocol.auth.WebhookSignature;
import dev.starling.protocol.push.PushPublish;
import dev.starling.protocol.push.PushPublishCodec;
import dev.starling.protocol.webhook.WebhookJob;
import dev.starling.protocol.webhook.WebhookJobCodec;
import dev.starling.push.support.Api;
import dev.starling.push.support.HookReceiver;
import dev.starling.push.support.Kafka;
import dev.starling.push.support.Postgres;
import dev.starling.push.support.PushProcess;
import dev.starling.push.support.WebPushReceiver;

/**
 * Cluster mode with a real Kafka broker: publishes go through the {@code push} topic (from push-service's own API and
 * from a gateway-written record), and webhook jobs from the {@code webhooks} topic are delivered signed and verbatim,
 * not delivered when cancelled, and delivered after a SIGKILL of push-service in the middle of their retries.
 */
class ClusterModeIT {

    private static final String INSTANCE = "cluster-instance";
    private static final String SECRET = "cluster-secret";
    private static final String APP_SECRET = "app-secret";

    private static Postgres postgres;
    private static Kafka kafka;
    private static WebPushReceiver webPush;
    private static HookReceiver hooks;

    @BeforeAll
    static void start() throws Exception {
        postgres = Postgres.start();
        kafka = Kafka.start();
        webPush = new WebPushReceiver();
        hooks = new HookReceiver();
    }

    @AfterAll
    static void stop() {
        hooks.close();
        webPush.close();
        kafka.close();
        postgres.close();
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("starling.push.mode", "cluster");
        settings.put("starling.push.kafka.bootstrap-servers", kafka.bootstrapServers());
        settings.put("starling.push.kafka.partitions", "3");
        settings.put("starling.push.db.url", postgres.url());
        settings.put("starling.push.db.username", postgres.user());
        settings.put("starling.push.db.password", postgres.password());
        settings.put("starling.push.web.allowed-endpoints", webPush.endpointPrefix());
        settings.put("starling.push.instances." + INSTANCE + ".secret-key", SECRET);
        settings.put("starling.push.delivery.poll-interval", "100ms");
        settings.put("starling.push.delivery.lease", "3s");
        settings.put("starling.push.webhooks.initial-backoff", "200ms");
        settings.put("starling.push.webhooks.max-backoff", "1s");
        settings.put("starling.push.webhooks.request-timeout", "2s");
        return settings;
    }

    private static WebhookJob.Delivery job(String path, String channel, long notBeforeMs, String debounceKey) {
        String body = "{\"time_ms\":" + System.currentTimeMillis() + ",\"events\":[{\"name\":\"channel_occupied\","
                + "\"channel\":\"" + channel + "\"}]}";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Pusher-Key", "app-key");
        headers.put("X-Pusher-Signature", WebhookSignature.sign(APP_SECRET, body.getBytes(StandardCharsets.UTF_8)));
        return new WebhookJob.Delivery(UUID.randomUUID().toString(), "app-id", hooks.url(path), headers, body,
                System.currentTimeMillis(), notBeforeMs, debounceKey);
    }

    private static void send(WebhookJob message, String channel) {
        kafka.send("starling.webhooks", WebhookJobCodec.key("app-id", channel), WebhookJobCodec.encode(message));
    }

    @Test
    void clusterModeDeliversPublishesAndWebhooksAndSurvivesASigkillMidRetry() throws Exception {
        WebhookJob.Delivery retried = job("/retry", "room-3", System.currentTimeMillis(), null);
        try (PushProcess service = PushProcess.start(settings())) {
            publishesGoThroughKafka(service.api());
            webhooksAreDeliveredVerbatim();
            cancelledJobsAreNotDelivered();

            hooks.failNext("/retry", 1_000_000);
            send(retried, "room-3");
            await().atMost(Duration.ofSeconds(30)).until(() -> hooks.requests("/retry").size() >= 2);
            service.kill();
        }
        hooks.failNext("/retry", 0);
        int attemptsBefore = hooks.requests("/retry").size();
        try (PushProcess restarted = PushProcess.start(settings())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> hooks.delivered("/retry").size() == 1);
            assertThat(hooks.requests("/retry").size()).isGreaterThan(attemptsBefore);
            assertThat(hooks.requests("/retry")).allSatisfy(r -> {
                assertThat(r.header("X-Starling-Webhook-Id")).isEqualTo(retried.id());
                assertThat(r.text()).isEqualTo(retried.body());
            });
            assertThat(restarted.management().get("/metrics").body())
                    .contains("starling_push_webhooks_delivered_total");
        }
    }

    private void publishesGoThroughKafka(Api api) throws Exception {
        String vapid = api.get("/device_api/v1/instances/" + INSTANCE + "/web-vapid-public-key").json()
                .path("vapidPublicKey").asText();
        WebPushReceiver.Subscription browser = webPush.subscribe(vapid);
        String device = api.post("/device_api/v1/instances/" + INSTANCE + "/devices/web", "{\"token\":\""
                + browser.token() + "\"}").json().path("id").asText();
        api.post("/device_api/v1/instances/" + INSTANCE + "/devices/web/" + device + "/interests/news", null);

        Api.Answer answer = api.post("/publish_api/v1/instances/" + INSTANCE + "/publishes/interests",
                "{\"interests\":[\"news\"],\"web\":{\"notification\":{\"title\":\"via kafka\"}}}", "Bearer " + SECRET);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        String viaApi = answer.json().path("publishId").asText();

        // A gateway's channel publish that also notifies, written straight to the topic; a corrupt record first.
        kafka.send("starling.push", INSTANCE, "{not a publish");
        PushPublish fromGateway = PushPublish.toInterests("pubid-" + UUID.randomUUID(), INSTANCE, List.of("news"),
                "{\"web\":{\"notification\":{\"title\":\"from a gateway\"}}}", System.currentTimeMillis());
        kafka.send("starling.push", INSTANCE, PushPublishCodec.encode(fromGateway));
        kafka.send("starling.push", INSTANCE, PushPublishCodec.encode(fromGateway));

        await().atMost(Duration.ofSeconds(30)).until(() -> webPush.messages(browser).stream()
                .map(WebPushReceiver.Message::publishId).toList().containsAll(List.of(viaApi, fromGateway.publishId())));
        assertThat(postgres.count("SELECT count(*) FROM push_publish WHERE publish_id = '" + fromGateway.publishId()
                + "'")).as("a record read twice is one publish").isEqualTo(1);
        assertThat(webPush.rejected()).isEmpty();
    }

    private void webhooksAreDeliveredVerbatim() {
        WebhookJob.Delivery job = job("/hooks", "room-1", System.currentTimeMillis(), null);
        send(job, "room-1");

        await().atMost(Duration.ofSeconds(30)).until(() -> hooks.delivered("/hooks").size() == 1);
        HookReceiver.Request request = hooks.delivered("/hooks").get(0);
        assertThat(request.body()).isEqualTo(job.body().getBytes(StandardCharsets.UTF_8));
        assertThat(request.header("X-Pusher-Key")).isEqualTo("app-key");
        assertThat(request.header("X-Pusher-Signature")).isEqualTo(job.headers().get("X-Pusher-Signature"));
        assertThat(WebhookSignature.verify(APP_SECRET, request.body(), request.header("X-Pusher-Signature"))).isTrue();
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("X-Starling-Webhook-Id")).isEqualTo(job.id());
    }

    private void cancelledJobsAreNotDelivered() {
        WebhookJob.Delivery vacated = job("/debounced", "room-2", System.currentTimeMillis() + 1_500, "app-id\nroom-2");
        send(vacated, "room-2");
        send(new WebhookJob.Cancel("app-id\nroom-2", vacated.id(), System.currentTimeMillis()), "room-2");
        WebhookJob.Delivery later = job("/debounced-later", "room-2", System.currentTimeMillis() + 2_000, null);
        send(later, "room-2");

        await().atMost(Duration.ofSeconds(30)).until(() -> hooks.delivered("/debounced-later").size() == 1);
        assertThat(postgres.querySingle("SELECT state FROM webhook_job WHERE id = '" + vacated.id() + "'"))
                .isEqualTo("cancelled");
        assertThat(hooks.requests("/debounced")).isEmpty();
    }
}
