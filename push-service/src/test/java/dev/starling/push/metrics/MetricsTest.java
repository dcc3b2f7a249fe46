package dev.starling.push.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.starling.push.support.Api;
import dev.starling.push.support.PushTestBase;
import dev.starling.push.support.PushTestResource;
import dev.starling.push.support.WebPushReceiver;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The management port serves health and the {@code starling_push_*} metrics. */
@QuarkusTest
@WithTestResource(PushTestResource.class)
class MetricsTest extends PushTestBase {

    @Test
    void deliveriesAreCountedAndTimedByProvider() {
        String interest = uniqueInterest();
        WebPushReceiver.Subscription subscription = webDevice(INSTANCE, interest);
        publishWeb(interest, "counted");
        await().atMost(Duration.ofSeconds(20)).until(() -> webPush().messages(subscription).size() == 1);

        // The injected management URL would prefix /q to /metrics: use the port.
        Api managementApi = new Api("http://127.0.0.1:" + ConfigProvider.getConfig()
                .getValue("quarkus.management.test-port", Integer.class));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(managementApi.get("/metrics").body())
                .contains("starling_push_publishes_accepted_total{instance=\"" + INSTANCE + "\",source=\"http\","
                        + "target=\"interests\"}")
                .contains("starling_push_delivered_total{instance=\"" + INSTANCE + "\",provider=\"web\"}")
                .contains("starling_push_delivery_latency_seconds_bucket{provider=\"web\"")
                .contains("starling_push_pending_deliveries")
                .contains("starling_push_in_flight{provider=\"apns\"}"));
        assertThat(managementApi.get("/q/health/ready").status()).isEqualTo(200);
        assertThat(managementApi.get("/q/health/live").status()).isEqualTo(200);
    }
}
