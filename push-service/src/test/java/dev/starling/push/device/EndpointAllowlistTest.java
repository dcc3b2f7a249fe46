package dev.starling.push.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.starling.push.support.PushTestBase;
import dev.starling.push.support.PushTestResource;
import dev.starling.push.support.WebPushReceiver;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The device API cannot make push-service call arbitrary addresses: a subscription outside
 * {@code web.allowed-endpoints} is refused at registration, and one that got into the database anyway is refused
 * again right before delivery (it becomes a dead letter, nothing is sent).
 */
@QuarkusTest
@WithTestResource(PushTestResource.class)
class EndpointAllowlistTest extends PushTestBase {

    private static String token(String endpoint, WebPushReceiver.Subscription keys) {
        String real = new String(Base64.getDecoder().decode(keys.token()), StandardCharsets.UTF_8);
        return Base64.getEncoder().encodeToString(real.replace(keys.endpoint(), endpoint)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void subscriptionsToOtherAddressesAreRefusedAtRegistration() {
        WebPushReceiver.Subscription keys = webPush().subscribe(vapidPublicKey(INSTANCE));
        for (String endpoint : new String[] {"http://127.0.0.1:1/internal", "http://169.254.169.254/latest/meta-data",
                webPush().endpointPrefix().replace("/push/", "/admin/"), "file:///etc/passwd",
                webPush().origin().replace("http://", "http://user@") + "/push/x"}) {
            assertError(api().post("/device_api/v1/instances/" + INSTANCE + "/devices/web", "{\"token\":\""
                    + token(endpoint, keys) + "\"}"), 400, "InvalidToken");
        }
    }

    @Test
    void aStoredSubscriptionOutsideTheAllowlistIsNotCalledAtDelivery() {
        String interest = uniqueInterest();
        WebPushReceiver.Subscription keys = webPush().subscribe(vapidPublicKey(INSTANCE));
        String deviceId = "web-" + UUID.randomUUID();
        String outside = webPush().origin() + "/elsewhere/" + keys.id();
        postgres().execute("INSERT INTO push_device (id, instance_id, platform, token, created_at, updated_at) VALUES ('"
                + deviceId + "', '" + INSTANCE + "', 'web', '" + token(outside, keys) + "', now(), now());"
                + "INSERT INTO push_device_interest VALUES ('" + deviceId + "', '" + interest + "', '" + INSTANCE + "')");
        int requestsBefore = webPush().requests();

        String publishId = publishWeb(interest, "never sent");

        await().atMost(Duration.ofSeconds(20)).until(() -> postgres().count("SELECT count(*) FROM push_dead_letter"
                + " WHERE publish_id = '" + publishId + "' AND reason LIKE 'endpoint not allowed%'") == 1);
        assertThat(webPush().requests()).isEqualTo(requestsBefore);
    }
}
