package dev.starling.push.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.push.support.Api;
import dev.starling.push.support.PushTestBase;
import dev.starling.push.support.PushTestResource;
import dev.starling.push.support.WebPushReceiver;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The device API as the web, Android and iOS SDKs call it: paths, bodies, answers and refusals. */
@QuarkusTest
@WithTestResource(PushTestResource.class)
class DeviceApiTest extends PushTestBase {

    private static final String DEVICES = "/device_api/v1/instances/" + INSTANCE + "/devices/";

    @Test
    void theVapidPublicKeyIsAnUncompressedP256PointAndStable() {
        String key = vapidPublicKey(INSTANCE);

        byte[] point = Base64.getUrlDecoder().decode(key);
        assertThat(point).hasSize(65);
        assertThat(point[0]).isEqualTo((byte) 4);
        assertThat(vapidPublicKey(INSTANCE)).isEqualTo(key);
        assertThat(vapidPublicKey("demo-instance")).isNotEqualTo(key);
        assertThat(postgres().count("SELECT count(*) FROM push_vapid_key WHERE instance_id = '" + INSTANCE + "'"))
                .isEqualTo(1);
    }

    @Test
    void aWebDeviceRegistersOnceAndIsReadAndDeleted() {
        WebPushReceiver.Subscription subscription = webPush().subscribe(vapidPublicKey(INSTANCE));
        String id = registerWeb(INSTANCE, subscription);

        assertThat(id).startsWith("web-");
        assertThat(registerWeb(INSTANCE, subscription)).as("same token, same device").isEqualTo(id);
        JsonNode device = api().get(DEVICES + "web/" + id).json();
        assertThat(device.path("id").asText()).isEqualTo(id);
        assertThat(device.path("userId").isNull()).isTrue();
        assertThat(device.path("metadata").path("sdkVersion").asText()).isEqualTo("2.1.0");
        assertThat(device.has("token")).isFalse();

        assertThat(api().delete(DEVICES + "web/" + id).status()).isEqualTo(200);
        assertError(api().get(DEVICES + "web/" + id), 404, "Not Found");
        assertThat(api().delete(DEVICES + "web/" + id).status()).as("deleting again is fine").isEqualTo(200);
    }

    @Test
    void fcmAndApnsDevicesRegisterWithTheirSdksBodies() {
        Api.Answer android = api().post(DEVICES + "fcm", "{\"token\":\"fcm-token:APA91b" + System.nanoTime()
                + "\",\"knownPreviousClientIds\":[],\"metadata\":{\"sdkVersion\":\"1.9.0\",\"androidVersion\":\"14\"}}");
        assertThat(android.status()).as(android.toString()).isEqualTo(200);
        assertThat(android.json().path("id").asText()).startsWith("fcm-");
        assertThat(android.json().path("initialInterestSet").isArray()).isTrue();

        Api.Answer ios = api().post(DEVICES + "apns", "{\"token\":\"" + apns().newDevice().toUpperCase()
                + "\",\"bundleIdentifier\":\"dev.starling.test\",\"metadata\":{\"sdkVersion\":\"4.0.0\","
                + "\"iosVersion\":\"17.0\"}}");
        assertThat(ios.status()).as(ios.toString()).isEqualTo(200);
        assertThat(ios.json().path("id").asText()).startsWith("apns-");
        assertError(api().get(DEVICES + "fcm/" + ios.json().path("id").asText()), 404, "Not Found");
    }

    @Test
    void androidReRegistrationKeepsTheInterestsOfItsPreviousDevice() {
        String old = register(INSTANCE, "fcm", "old-token-" + System.nanoTime());
        addInterest(INSTANCE, "fcm", old, "news");
        addInterest(INSTANCE, "fcm", old, "sport");

        Api.Answer again = api().post(DEVICES + "fcm", "{\"token\":\"new-token-" + System.nanoTime()
                + "\",\"knownPreviousClientIds\":[\"" + old + "\"],\"metadata\":{}}");

        assertThat(again.json().path("initialInterestSet").toString()).isEqualTo("[\"news\",\"sport\"]");
        assertError(api().get(DEVICES + "fcm/" + old), 404, "Not Found");
    }

    @Test
    void interestsAreSetAddedRemovedAndPaged() {
        String id = register(INSTANCE, "fcm", "interests-" + System.nanoTime());
        String interests = DEVICES + "fcm/" + id + "/interests";

        assertThat(api().put(interests, "{\"interests\":[\"c\",\"a\",\"b\",\"a\"]}").status()).isEqualTo(200);
        assertThat(api().post(interests + "/d", null).status()).isEqualTo(200);
        assertThat(api().post(interests + "/d", null).status()).as("adding twice").isEqualTo(200);
        assertThat(api().delete(interests + "/b").status()).isEqualTo(200);

        JsonNode first = api().get(interests + "?limit=2").json();
        assertThat(first.path("interests").toString()).isEqualTo("[\"a\",\"c\"]");
        String cursor = first.path("responseMetadata").path("nextCursor").asText();
        JsonNode second = api().get(interests + "?limit=2&cursor=" + cursor).json();
        assertThat(second.path("interests").toString()).isEqualTo("[\"d\"]");
        assertThat(second.path("responseMetadata").path("nextCursor").isNull()).isTrue();

        assertThat(api().put(interests, "{\"interests\":[]}").status()).isEqualTo(200);
        assertThat(api().get(interests).json().path("interests").size()).isZero();
    }

    @Test
    void badInterestsAndUnknownDevicesAreRefused() {
        String id = register(INSTANCE, "fcm", "bad-interests-" + System.nanoTime());
        String interests = DEVICES + "fcm/" + id + "/interests";

        assertError(api().post(interests + "/has%20space", null), 400, "Bad Request");
        assertError(api().put(interests, "{\"interests\":[\"ok\",\"not ok\"]}"), 400, "Bad Request");
        assertError(api().put(interests, "{\"interests\":\"ok\"}"), 400, "Bad Request");
        assertError(api().post(DEVICES + "fcm/fcm-nope/interests/x", null), 404, "Not Found");
        assertError(api().put(DEVICES + "fcm/fcm-nope/interests", "{\"interests\":[]}"), 404, "Not Found");
        assertError(api().get("/device_api/v1/instances/nope/web-vapid-public-key"), 404, "Not Found");
        assertError(api().post(DEVICES + "windows", "{\"token\":\"x\"}"), 404, "Not Found");
        assertThat(api().get(interests).json().path("interests").size()).isZero();
    }

    @Test
    void tooManyInterestsAreRefused() {
        String id = register(INSTANCE, "fcm", "many-" + System.nanoTime());
        List<String> names = new ArrayList<>();
        for (int i = 0; i <= 5000; i++) {
            names.add("\"n" + i + "\"");
        }
        assertError(api().put(DEVICES + "fcm/" + id + "/interests", "{\"interests\":[" + String.join(",", names)
                + "]}"), 422, "Unprocessable Entity");
    }

    @Test
    void invalidTokensAreRefusedAndNothingIsStored() {
        long devices = postgres().count("SELECT count(*) FROM push_device");
        WebPushReceiver.Subscription good = webPush().subscribe(vapidPublicKey(INSTANCE));
        String wrongKeys = Base64.getEncoder().encodeToString(("{\"endpoint\":\"" + good.endpoint()
                + "\",\"keys\":{\"p256dh\":\"AAAA\",\"auth\":\"AAAA\"}}").getBytes(StandardCharsets.UTF_8));

        for (String token : List.of("", "not base64 !", Base64.getEncoder().encodeToString("[]".getBytes()), wrongKeys)) {
            assertError(api().post(DEVICES + "web", "{\"token\":\"" + token + "\"}"), 400, "InvalidToken");
        }
        assertError(api().post(DEVICES + "fcm", "{\"token\":\"white space\"}"), 400, "InvalidToken");
        assertError(api().post(DEVICES + "apns", "{\"token\":\"xyz\"}"), 400, "InvalidToken");
        assertError(api().post(DEVICES + "apns", "{}"), 400, "InvalidToken");
        assertError(api().post(DEVICES + "web", "[1]"), 400, "Bad Request");
        assertThat(postgres().count("SELECT count(*) FROM push_device")).isEqualTo(devices);
    }

    @Test
    void metadataAndTokenRefreshAreUpdated() {
        String id = register(INSTANCE, "fcm", "meta-" + System.nanoTime());

        assertThat(api().put(DEVICES + "fcm/" + id + "/metadata", "{\"sdkVersion\":\"2.0.0\",\"androidVersion\":\"15\"}")
                .status()).isEqualTo(200);
        assertThat(api().get(DEVICES + "fcm/" + id).json().path("metadata").path("androidVersion").asText())
                .isEqualTo("15");
        assertThat(api().put(DEVICES + "fcm/" + id + "/token", "{\"token\":\"refreshed-" + System.nanoTime() + "\"}")
                .status()).isEqualTo(200);
        assertError(api().put(DEVICES + "fcm/" + id + "/metadata", "{\"x\":\"" + "y".repeat(2000) + "\"}"), 413,
                "Payload Too Large");
    }

    @Test
    void browsersMayCallTheDeviceApiFromWebPages() throws Exception {
        java.net.http.HttpResponse<String> preflight = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "device_api/v1/instances/" + INSTANCE
                                + "/devices/web")).method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://app.example.com").header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "content-type").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example.com");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
    }

    @Test
    void reportsFromTheSdksAreAccepted() {
        Api.Answer answer = api().post("/reporting_api/v2/instances/" + INSTANCE + "/events", "{\"publishId\":\"p\","
                + "\"event\":\"delivery\",\"deviceId\":\"web-1\",\"timestampSecs\":1}");
        assertThat(answer.status()).isEqualTo(200);
    }
}
