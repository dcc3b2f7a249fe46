package dev.starling.push.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.push.support.FcmServer;
import dev.starling.push.support.PushTestBase;
import dev.starling.push.support.PushTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * FCM HTTP v1 against a local server that accepts only OAuth2 access tokens minted from the test service account:
 * the v1 message built from the Beams {@code fcm} object, the Android SDK's {@code pusher} data, retries on 429
 * with Retry-After, pruning on UNREGISTERED and on INVALID_ARGUMENT about the token.
 */
@QuarkusTest
@WithTestResource(PushTestResource.class)
class FcmDeliveryTest extends PushTestBase {

    private static String newToken() {
        return "fcm:" + UUID.randomUUID().toString().replace("-", "");
    }

    private String fcmDevice(String interest, String token) {
        String id = register(INSTANCE, "fcm", token);
        addInterest(INSTANCE, "fcm", id, interest);
        return id;
    }

    private String publishFcm(String interest, String fcm) {
        var answer = publishToInterests(INSTANCE, SECRET, "{\"interests\":[\"" + interest + "\"],\"fcm\":" + fcm + "}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().path("publishId").asText();
    }

    @Test
    void theMessageIsTheV1FormOfTheBeamsObject() {
        String interest = uniqueInterest();
        String token = newToken();
        fcmDevice(interest, token);

        String publishId = publishFcm(interest, "{\"notification\":{\"title\":\"Hi\",\"body\":\"There\","
                + "\"icon\":\"ic_bell\",\"click_action\":\"OPEN\"},\"data\":{\"n\":3,\"s\":\"x\"},\"priority\":\"high\","
                + "\"time_to_live\":120}");

        await().atMost(Duration.ofSeconds(20)).until(() -> !fcm().sent(token).isEmpty());
        FcmServer.Sent sent = fcm().sent(token).get(0);
        JsonNode message = sent.message();
        assertThat(message.path("notification").path("title").asText()).isEqualTo("Hi");
        assertThat(message.path("notification").path("body").asText()).isEqualTo("There");
        assertThat(message.path("android").path("notification").path("icon").asText()).isEqualTo("ic_bell");
        assertThat(message.path("android").path("notification").path("click_action").asText()).isEqualTo("OPEN");
        assertThat(message.path("android").path("priority").asText()).isEqualTo("HIGH");
        assertThat(message.path("android").path("ttl").asText()).isEqualTo("120s");
        assertThat(message.path("data").path("n").asText()).isEqualTo("3");
        assertThat(message.path("data").path("s").asText()).isEqualTo("x");
        JsonNode pusher = sent.pusher();
        assertThat(pusher.path("publishId").asText()).isEqualTo(publishId);
        assertThat(pusher.path("instanceId").asText()).isEqualTo(INSTANCE);
        assertThat(pusher.path("clickAction").asText()).isEqualTo("OPEN");
        assertThat(pusher.path("hasDisplayableContent").asBoolean()).isTrue();
        assertThat(pusher.path("hasData").asBoolean()).isTrue();
        assertThat(fcm().tokenRequests()).isPositive();
    }

    @Test
    void a429IsRetriedAfterRetryAfter() {
        String interest = uniqueInterest();
        String token = newToken();
        fcmDevice(interest, token);
        fcm().answer(token, 429, "{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"errorCode\":"
                + "\"QUOTA_EXCEEDED\"}]}}", 1, "1");

        publishFcm(interest, "{\"data\":{\"k\":\"v\"}}");

        await().atMost(Duration.ofSeconds(20)).until(() -> fcm().sent(token).size() == 1);
    }

    @Test
    void unregisteredAndInvalidTokensDeleteTheirDevices() {
        String interest = uniqueInterest();
        String unregistered = newToken();
        String invalid = newToken();
        String fine = newToken();
        String unregisteredId = fcmDevice(interest, unregistered);
        String invalidId = fcmDevice(interest, invalid);
        fcmDevice(interest, fine);
        fcm().unregistered(unregistered);
        fcm().invalidToken(invalid);

        publishFcm(interest, "{\"notification\":{\"title\":\"t\"}}");

        await().atMost(Duration.ofSeconds(20)).until(() -> fcm().sent(fine).size() == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> api().get("/device_api/v1/instances/" + INSTANCE
                + "/devices/fcm/" + unregisteredId).status() == 404 && api().get("/device_api/v1/instances/"
                + INSTANCE + "/devices/fcm/" + invalidId).status() == 404);
    }

    @Test
    void aBadMessageIsADeadLetterNotAPrune() {
        String interest = uniqueInterest();
        String token = newToken();
        String id = fcmDevice(interest, token);
        fcm().answer(token, 400, "{\"error\":{\"code\":400,\"message\":\"Invalid JSON payload\",\"status\":"
                + "\"INVALID_ARGUMENT\",\"details\":[{\"errorCode\":\"INVALID_ARGUMENT\"}]}}", 1, null);

        String publishId = publishFcm(interest, "{\"data\":{\"k\":\"v\"}}");

        await().atMost(Duration.ofSeconds(20)).until(() -> postgres().count("SELECT count(*) FROM push_dead_letter"
                + " WHERE publish_id = '" + publishId + "'") == 1);
        assertThat(api().get("/device_api/v1/instances/" + INSTANCE + "/devices/fcm/" + id).status()).isEqualTo(200);
    }
}
