package dev.starling.push.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.eatthepath.pushy.apns.ApnsPushNotification;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.protocol.json.Json;
import dev.starling.push.support.ApnsServer;
import dev.starling.push.support.PushTestBase;
import dev.starling.push.support.PushTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * APNs through Pushy's mock server (HTTP/2, TLS, provider tokens verified against the test key): the payload the
 * iOS SDK reads, the push type Apple requires, retries on TooManyRequests, pruning on Unregistered and BadDeviceToken.
 */
@QuarkusTest
@WithTestResource(PushTestResource.class)
class ApnsDeliveryTest extends PushTestBase {

    private String apnsDevice(String interest) {
        String token = apns().newDevice();
        addInterest(INSTANCE, "apns", register(INSTANCE, "apns", token), interest);
        return token;
    }

    private String publishApns(String interest, String apns) {
        var answer = publishToInterests(INSTANCE, SECRET, "{\"interests\":[\"" + interest + "\"],\"apns\":" + apns + "}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().path("publishId").asText();
    }

    @Test
    void anAlertArrivesWithTheBeamsMetadata() throws Exception {
        String interest = uniqueInterest();
        String token = apnsDevice(interest);

        String publishId = publishApns(interest, "{\"aps\":{\"alert\":{\"title\":\"Hello\",\"body\":\"World\"}},"
                + "\"data\":{\"order\":42}}");

        await().atMost(Duration.ofSeconds(20)).until(() -> !apns().accepted(token).isEmpty());
        ApnsPushNotification notification = apns().accepted(token).get(0);
        assertThat(notification.getTopic()).isEqualTo(ApnsServer.TOPIC);
        assertThat(notification.getPushType()).isEqualTo(PushType.ALERT);
        assertThat(notification.getPriority()).isEqualTo(DeliveryPriority.IMMEDIATE);
        JsonNode payload = Json.MAPPER.readTree(notification.getPayload());
        assertThat(payload.path("aps").path("alert").path("title").asText()).isEqualTo("Hello");
        assertThat(payload.path("data").path("order").asInt()).isEqualTo(42);
        assertThat(payload.path("data").path("pusher").path("publishId").asText()).isEqualTo(publishId);
        assertThat(payload.path("data").path("pusher").path("instanceId").asText()).isEqualTo(INSTANCE);
    }

    @Test
    void aSilentNotificationIsABackgroundPushAtLowPriority() {
        String interest = uniqueInterest();
        String token = apnsDevice(interest);

        publishApns(interest, "{\"aps\":{\"content-available\":1}}");

        await().atMost(Duration.ofSeconds(20)).until(() -> !apns().accepted(token).isEmpty());
        assertThat(apns().accepted(token).get(0).getPushType()).isEqualTo(PushType.BACKGROUND);
        assertThat(apns().accepted(token).get(0).getPriority()).isEqualTo(DeliveryPriority.CONSERVE_POWER);
    }

    @Test
    void tooManyRequestsIsRetried() {
        String interest = uniqueInterest();
        String token = apnsDevice(interest);
        apns().tooManyRequests(token, 2);

        publishApns(interest, "{\"aps\":{\"alert\":\"again\"}}");

        await().atMost(Duration.ofSeconds(20)).until(() -> apns().accepted(token).size() == 1);
        assertThat(apns().rejected()).filteredOn(r -> r.endsWith(token)).hasSize(2)
                .allMatch(r -> r.startsWith("TOO_MANY_REQUESTS"));
    }

    @Test
    void unregisteredAndBadTokensDeleteTheirDevices() {
        String interest = uniqueInterest();
        String gone = apns().newDevice();
        String bad = apns().newDevice();
        String goneId = register(INSTANCE, "apns", gone);
        String badId = register(INSTANCE, "apns", bad);
        addInterest(INSTANCE, "apns", goneId, interest);
        addInterest(INSTANCE, "apns", badId, interest);
        String fine = apnsDevice(interest);
        apns().unregister(gone);
        apns().badDeviceToken(bad);

        publishApns(interest, "{\"aps\":{\"alert\":\"hi\"}}");

        await().atMost(Duration.ofSeconds(20)).until(() -> api().get("/device_api/v1/instances/" + INSTANCE
                + "/devices/apns/" + goneId).status() == 404 && api().get("/device_api/v1/instances/" + INSTANCE
                + "/devices/apns/" + badId).status() == 404);
        await().atMost(Duration.ofSeconds(20)).until(() -> apns().accepted(fine).size() == 1);
        assertThat(apns().accepted(gone)).isEmpty();
        assertThat(apns().accepted(bad)).isEmpty();
    }
}
