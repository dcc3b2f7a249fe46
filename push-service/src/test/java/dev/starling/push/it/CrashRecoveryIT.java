package dev.starling.push.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.starling.push.support.Api;
import dev.starling.push.support.Postgres;
import dev.starling.push.support.PushProcess;
import dev.starling.push.support.WebPushReceiver;

/**
 * At least once across a crash (standalone mode): 1,000 publishes are accepted while the push service hangs, so none
 * is delivered; push-service is SIGKILLed; after a restart on the same database every publish reaches the device.
 * Also: nothing secret appears in the output.
 */
class CrashRecoveryIT {

    private static final String INSTANCE = "crash-instance";
    private static final String SECRET = "crash-secret-" + System.nanoTime();
    private static final int PUBLISHES = 1000;

    private static Postgres postgres;
    private static WebPushReceiver webPush;

    @BeforeAll
    static void start() throws Exception {
        postgres = Postgres.start();
        webPush = new WebPushReceiver();
    }

    @AfterAll
    static void stop() {
        webPush.close();
        postgres.close();
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("starling.push.db.url", postgres.url());
        settings.put("starling.push.db.username", postgres.user());
        settings.put("starling.push.db.password", postgres.password());
        settings.put("starling.push.web.allowed-endpoints", webPush.endpointPrefix());
        settings.put("starling.push.instances." + INSTANCE + ".secret-key", SECRET);
        settings.put("starling.push.delivery.poll-interval", "100ms");
        settings.put("starling.push.delivery.lease", "3s");
        settings.put("starling.push.delivery.initial-backoff", "200ms");
        settings.put("starling.push.delivery.max-backoff", "1s");
        settings.put("starling.push.web.request-timeout", "2s");
        return settings;
    }

    @Test
    void everyPublishAcceptedBeforeASigkillIsDeliveredAfterTheRestart() throws Exception {
        WebPushReceiver.Subscription browser;
        List<String> publishIds;
        String vapidPrivateKey;
        try (PushProcess first = PushProcess.start(settings())) {
            Api api = first.api();
            String vapid = api.get("/device_api/v1/instances/" + INSTANCE + "/web-vapid-public-key").json()
                    .path("vapidPublicKey").asText();
            browser = webPush.subscribe(vapid);
            String device = api.post("/device_api/v1/instances/" + INSTANCE + "/devices/web", "{\"token\":\""
                    + browser.token() + "\"}").json().path("id").asText();
            assertThat(api.post("/device_api/v1/instances/" + INSTANCE + "/devices/web/" + device
                    + "/interests/crash", null).status()).isEqualTo(200);

            webPush.hold();
            publishIds = publish(api);
            assertThat(publishIds).hasSize(PUBLISHES).doesNotHaveDuplicates();
            await().atMost(Duration.ofSeconds(30)).until(() -> webPush.requests() > 0);

            first.kill();
            vapidPrivateKey = postgres.querySingle("SELECT private_key FROM push_vapid_key WHERE instance_id = '"
                    + INSTANCE + "'");
            assertThat(first.output()).doesNotContain(SECRET).doesNotContain(vapidPrivateKey);
        }
        long undelivered = postgres.count("SELECT count(*) FROM push_delivery")
                + postgres.count("SELECT count(*) FROM push_publish WHERE NOT expanded");
        assertThat(undelivered).as("nothing was delivered before the kill").isEqualTo(PUBLISHES);
        webPush.release();
        webPush.clear();

        try (PushProcess second = PushProcess.start(settings())) {
            await().atMost(Duration.ofSeconds(180)).until(() -> delivered(browser).containsAll(publishIds));
            await().atMost(Duration.ofSeconds(30)).until(() -> postgres.count("SELECT count(*) FROM push_delivery") == 0);
            assertThat(webPush.rejected()).isEmpty();
            assertThat(second.output()).doesNotContain(SECRET).doesNotContain(vapidPrivateKey);
        }
    }

    private static Set<String> delivered(WebPushReceiver.Subscription browser) {
        return webPush.messages(browser).stream().map(WebPushReceiver.Message::publishId).collect(Collectors.toSet());
    }

    private static List<String> publish(Api api) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < PUBLISHES; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    Api.Answer answer = api.post("/publish_api/v1/instances/" + INSTANCE + "/publishes/interests",
                            "{\"interests\":[\"crash\"],\"web\":{\"notification\":{\"title\":\"#" + n + "\"}}}",
                            "Bearer " + SECRET);
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                    ids.add(answer.json().path("publishId").asText());
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        return List.copyOf(ids);
    }
}
