package dev.starling.push.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.starling.push.support.Api;
import dev.starling.push.support.PushTestBase;
import dev.starling.push.support.PushTestResource;
import dev.starling.push.support.WebPushReceiver;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Devices are tied to users only with a valid Beams auth token (HS256 with the instance's secret, right issuer, not
 * expired); publishes to users reach all of a user's devices; deleting the user deletes them.
 */
@QuarkusTest
@WithTestResource(PushTestResource.class)
class UserAssociationTest extends PushTestBase {

    private static String userPath(String deviceId) {
        return "/device_api/v1/instances/" + INSTANCE + "/devices/web/" + deviceId + "/user";
    }

    @Test
    void onlyAValidTokenTiesADeviceToItsSubject() {
        String device = registerWeb(INSTANCE, webPush().subscribe(vapidPublicKey(INSTANCE)));
        String user = "user-" + UUID.randomUUID();
        long past = System.currentTimeMillis() / 1000 - 10;
        String noneAlg = b64("{\"alg\":\"none\"}") + "." + b64("{\"sub\":\"" + user + "\",\"exp\":" + inAnHour()
                + ",\"iss\":\"https://" + INSTANCE + ".pushnotifications.pusher.com\"}") + ".";

        for (String token : new String[] {beamsToken(INSTANCE, "wrong-secret", user, inAnHour()),
                beamsToken(INSTANCE, SECRET, user, past), beamsToken("other-instance", SECRET, user, inAnHour()),
                noneAlg, "garbage", ""}) {
            assertError(api().put(userPath(device), null, "Bearer " + token), 401, "Unauthorized");
        }
        assertError(api().put(userPath(device), null), 401, "Unauthorized");
        assertThat(api().get("/device_api/v1/instances/" + INSTANCE + "/devices/web/" + device).json()
                .path("userId").isNull()).isTrue();

        Api.Answer ok = api().put(userPath(device), null, "Bearer " + beamsToken(INSTANCE, SECRET, user, inAnHour()));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(api().get("/device_api/v1/instances/" + INSTANCE + "/devices/web/" + device).json()
                .path("userId").asText()).isEqualTo(user);
        assertThat(api().put(userPath(device), null, "Bearer " + beamsToken(INSTANCE, SECRET, user, inAnHour()))
                .status()).as("the same user again").isEqualTo(200);
        assertError(api().put(userPath(device), null, "Bearer " + beamsToken(INSTANCE, SECRET, "someone-else",
                inAnHour())), 422, "Unprocessable Entity");
        assertError(api().put("/device_api/v1/instances/" + INSTANCE + "/devices/web/web-nope/user", null, "Bearer "
                + beamsToken(INSTANCE, SECRET, user, inAnHour())), 404, "Not Found");
    }

    @Test
    void aPublishToAUserReachesEachOfItsDevicesAndDeleteUserRemovesThem() {
        String user = "user-" + UUID.randomUUID();
        WebPushReceiver.Subscription laptop = webPush().subscribe(vapidPublicKey(INSTANCE));
        WebPushReceiver.Subscription phone = webPush().subscribe(vapidPublicKey(INSTANCE));
        WebPushReceiver.Subscription stranger = webPush().subscribe(vapidPublicKey(INSTANCE));
        String laptopId = registerWeb(INSTANCE, laptop);
        String phoneId = registerWeb(INSTANCE, phone);
        registerWeb(INSTANCE, stranger);
        for (String id : new String[] {laptopId, phoneId}) {
            assertThat(api().put(userPath(id), null, "Bearer " + beamsToken(INSTANCE, SECRET, user, inAnHour()))
                    .status()).isEqualTo(200);
        }

        Api.Answer publish = api().post("/publish_api/v1/instances/" + INSTANCE + "/publishes/users",
                "{\"users\":[\"" + user + "\"],\"web\":{\"notification\":{\"title\":\"for you\"}}}", SERVER_AUTH);
        assertThat(publish.status()).as(publish.toString()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> webPush().messages(laptop).size() == 1
                && webPush().messages(phone).size() == 1);
        assertThat(webPush().messages(stranger)).isEmpty();

        assertThat(api().delete("/user_api/v1/instances/" + INSTANCE + "/users/" + user, SERVER_AUTH).status())
                .isEqualTo(200);
        assertError(api().get("/device_api/v1/instances/" + INSTANCE + "/devices/web/" + laptopId), 404, "Not Found");
        assertError(api().get("/device_api/v1/instances/" + INSTANCE + "/devices/web/" + phoneId), 404, "Not Found");
        assertThat(api().post("/publish_api/v1/instances/" + INSTANCE + "/publishes/users", "{\"users\":[\"" + user
                + "\"],\"web\":{\"notification\":{\"title\":\"gone\"}}}", SERVER_AUTH).status()).isEqualTo(200);
    }
}
