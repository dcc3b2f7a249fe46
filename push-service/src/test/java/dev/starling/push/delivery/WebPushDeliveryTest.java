package dev.starling.push.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.push.support.PushTestBase;
import dev.starling.push.support.PushTestResource;
import dev.starling.push.support.WebPushReceiver;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Web Push end to end: a subscription made like a browser makes it receives the notification, VAPID-signed and
 * aes128gcm-encrypted (the receiver verifies and decrypts), shaped as the Beams service worker reads it.
 */
@QuarkusTest
@WithTestResource(PushTestResource.class)
class WebPushDeliveryTest extends PushTestBase {

    @Test
    void aSubscriptionReceivesTheDecryptedNotificationWithTheBeamsMetadata() {
        String interest = uniqueInterest();
        WebPushReceiver.Subscription subscription = webDevice(INSTANCE, interest);

        String publishId = publishWeb(interest, "Hi there");

        await().atMost(Duration.ofSeconds(20)).until(() -> !webPush().messages(subscription).isEmpty());
        WebPushReceiver.Message message = webPush().messages(subscription).get(0);
        JsonNode json = message.json();
        assertThat(json.path("notification").path("title").asText()).isEqualTo("Hi there");
        assertThat(json.path("data").path("k").asText()).isEqualTo("v");
        JsonNode pusher = json.path("data").path("pusher");
        assertThat(pusher.path("publishId").asText()).isEqualTo(publishId);
        assertThat(pusher.path("instanceId").asText()).isEqualTo(INSTANCE);
        assertThat(pusher.path("hasDisplayableContent").asBoolean()).isTrue();
        assertThat(pusher.path("hasData").asBoolean()).isTrue();
        assertThat(message.ttl()).isEqualTo(2_419_200);
    }

    @Test
    void timeToLiveBecomesTheTtlHeaderAndLeavesThePayload() {
        String interest = uniqueInterest();
        WebPushReceiver.Subscription subscription = webDevice(INSTANCE, interest);

        assertThat(publishToInterests(INSTANCE, SECRET, "{\"interests\":[\"" + interest + "\"],"
                + "\"web\":{\"time_to_live\":60,\"notification\":{\"title\":\"t\"}}}").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> !webPush().messages(subscription).isEmpty());
        WebPushReceiver.Message message = webPush().messages(subscription).get(0);
        assertThat(message.ttl()).isEqualTo(60);
        assertThat(message.json().has("time_to_live")).isFalse();
        assertThat(message.json().path("data").path("pusher").path("hasData").asBoolean()).isFalse();
    }

    @Test
    void everySubscriberOfAnyTargetedInterestGetsItOnce() {
        String a = uniqueInterest();
        String b = uniqueInterest();
        WebPushReceiver.Subscription onA = webDevice(INSTANCE, a);
        WebPushReceiver.Subscription onBoth = webDevice(INSTANCE, a);
        addInterest(INSTANCE, "web", registerWeb(INSTANCE, onBoth), b);
        WebPushReceiver.Subscription elsewhere = webDevice(INSTANCE, uniqueInterest());

        String publishId = publishToInterests(INSTANCE, SECRET, "{\"interests\":[\"" + a + "\",\"" + b + "\"],"
                + "\"web\":{\"notification\":{\"title\":\"t\"}}}").json().path("publishId").asText();

        await().atMost(Duration.ofSeconds(20)).until(() -> webPush().messages(onA).size() == 1
                && webPush().messages(onBoth).size() == 1);
        assertThat(webPush().messages(onBoth).get(0).publishId()).isEqualTo(publishId);
        assertThat(webPush().messages(elsewhere)).isEmpty();
    }
}
