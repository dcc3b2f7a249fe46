package dev.starling.push.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;

import dev.starling.protocol.json.JsonText;
import io.quarkus.test.common.http.TestHTTPResource;

/** Helpers shared by the {@code @QuarkusTest}s: the API client, device registration, publishing, Beams tokens. */
public abstract class PushTestBase {

    public static final String INSTANCE = PushTestResource.INSTANCE;
    public static final String SECRET = PushTestResource.SECRET;
    public static final String SERVER_AUTH = "Bearer " + SECRET;
    public static final String ADMIN_AUTH = "Bearer " + PushTestResource.ADMIN_TOKEN;

    @TestHTTPResource("/")
    protected URL url;

    @AfterEach
    void providersSawOnlyValidRequests() {
        assertThat(webPush().rejected()).as("requests the Web Push service refused").isEmpty();
        assertThat(fcm().rejected()).as("requests FCM refused").isEmpty();
    }

    protected Api api() {
        return new Api(url.toString().replaceAll("/$", ""));
    }

    protected static WebPushReceiver webPush() {
        return PushTestResource.webPush();
    }

    protected static FcmServer fcm() {
        return PushTestResource.fcm();
    }

    protected static ApnsServer apns() {
        return PushTestResource.apns();
    }

    protected static Postgres postgres() {
        return PushTestResource.postgres();
    }

    /** A fresh interest name, so tests never see each other's devices. */
    protected static String uniqueInterest() {
        return "i-" + UUID.randomUUID();
    }

    protected String vapidPublicKey(String instance) {
        Api.Answer answer = api().get("/device_api/v1/instances/" + instance + "/web-vapid-public-key");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().path("vapidPublicKey").asText();
    }

    /** Subscribes as a browser would and registers the subscription like the Beams web SDK; answers the device id. */
    protected String registerWeb(String instance, WebPushReceiver.Subscription subscription) {
        Api.Answer answer = api().post("/device_api/v1/instances/" + instance + "/devices/web",
                "{\"token\":\"" + subscription.token() + "\",\"metadata\":{\"sdkVersion\":\"2.1.0\"}}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().path("id").asText();
    }

    protected String register(String instance, String platform, String token) {
        Api.Answer answer = api().post("/device_api/v1/instances/" + instance + "/devices/" + platform,
                "{\"token\":\"" + token + "\",\"metadata\":{\"sdkVersion\":\"1.9.0\"}}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().path("id").asText();
    }

    protected void addInterest(String instance, String platform, String deviceId, String interest) {
        Api.Answer answer = api().post("/device_api/v1/instances/" + instance + "/devices/" + platform + "/"
                + deviceId + "/interests/" + interest, null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    }

    /** A new browser subscription registered on {@code instance} and subscribed to {@code interest}. */
    protected WebPushReceiver.Subscription webDevice(String instance, String interest) {
        WebPushReceiver.Subscription subscription = webPush().subscribe(vapidPublicKey(instance));
        addInterest(instance, "web", registerWeb(instance, subscription), interest);
        return subscription;
    }

    protected Api.Answer publishToInterests(String instance, String secret, String body) {
        return api().post("/publish_api/v1/instances/" + instance + "/publishes/interests", body, "Bearer " + secret);
    }

    /** Publishes a web notification to {@code interest}; answers the publish id. */
    protected String publishWeb(String interest, String title) {
        Api.Answer answer = publishToInterests(INSTANCE, SECRET, "{\"interests\":[\"" + interest + "\"],"
                + "\"web\":{\"notification\":{\"title\":" + JsonText.quote(title) + ",\"body\":\"Hello\"},"
                + "\"data\":{\"k\":\"v\"}}}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().path("publishId").asText();
    }

    /** A Beams auth token as {@code generateToken(userId)} of the server SDKs makes it. */
    protected static String beamsToken(String instance, String secret, String userId, long expiresAtSeconds) {
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String claims = b64("{\"sub\":" + JsonText.quote(userId) + ",\"exp\":" + expiresAtSeconds + ",\"iss\":\"https://"
                + instance + ".pushnotifications.pusher.com\"}");
        return header + "." + claims + "." + sign(secret, header + "." + claims);
    }

    protected static String sign(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(message.getBytes(
                    StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A Beams error answer: the status, the error name, and a description. */
    protected static void assertError(Api.Answer answer, int status, String error) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.json().path("error").asText()).as(answer.toString()).isEqualTo(error);
        assertThat(answer.json().path("description").asText()).as(answer.toString()).isNotBlank();
    }

    protected static long inAnHour() {
        return System.currentTimeMillis() / 1000 + 3600;
    }
}
