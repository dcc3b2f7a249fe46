package dev.starling.gateway.blackbox;

import static dev.starling.gateway.blackbox.Gateway.json;
import static dev.starling.gateway.blackbox.Gateway.nextNonCount;
import static dev.starling.gateway.blackbox.Gateway.ok;
import static dev.starling.gateway.blackbox.Gateway.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.pusher.client.channel.PusherEvent;
import com.pusher.client.connection.ConnectionState;
import com.pusher.rest.Pusher;

import dev.starling.testkit.SignedHttp;
import dev.starling.testkit.Signing;
import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import dev.starling.testkit.WsClient;
import dev.starling.protocol.json.JsonText;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * pusher-java-client connecting and subscribing to public, private and private-encrypted channels, with events
 * published by pusher-http-java.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class JavaClientSubscriptionTest {

    private static final Duration QUIET = Duration.ofMillis(500);

    @TestHTTPResource("/")
    URL url;

    private final AppBackend backend = new AppBackend(TestApps.DEMO);
    private Pusher api;
    private Pusher rawApi;

    @BeforeEach
    void sdk() {
        api = Api.of(url.getPort(), TestApps.DEMO);
        rawApi = Api.raw(url.getPort(), TestApps.DEMO);
    }

    @AfterEach
    void closeSdk() {
        Api.close(api);
        Api.close(rawApi);
    }

    @Test
    void connectsWithASocketId() {
        try (JavaClient client = JavaClient.connect(url.getPort(), TestApps.DEMO)) {
            assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(client.socketId()).matches("\\d+\\.\\d+");
            assertThat(client.states()).containsExactly(ConnectionState.CONNECTING, ConnectionState.CONNECTED);
            assertThat(client.errors()).isEmpty();
        }
    }

    @Test
    void publicChannelReceivesTheTriggeredDataVerbatim() {
        String channel = unique("public-");
        // Odd spacing, escapes, non-ASCII and a trailing zero: any re-encoding on the way would change it.
        String data = "{ \"text\" : \"h\u00e9llo \\\"world\\\" <b>&amp;</b> \uD83C\uDF89\",\n  \"n\": 1.50 }";
        try (JavaClient client = JavaClient.connect(url.getPort(), TestApps.DEMO)) {
            Recorder events = new Recorder();
            client.pusher().subscribe(channel, events, "greeting");
            events.awaitSubscribed();

            assertThat(ok(rawApi.trigger(channel, "greeting", data))).isEqualTo(json("{}"));

            PusherEvent event = events.nextEvent();
            assertThat(event.getEventName()).isEqualTo("greeting");
            assertThat(event.getChannelName()).isEqualTo(channel);
            assertThat(event.getData()).isEqualTo(data);
            assertThat(event.getUserId()).isNull();
        }
    }

    @Test
    void privateChannelIsAuthorizedByTheAppBackend() {
        String channel = unique("private-");
        try (JavaClient client = JavaClient.connect(url.getPort(), TestApps.DEMO,
                options -> options.setChannelAuthorizer(backend.privateChannels()))) {
            Recorder events = new Recorder();
            client.pusher().subscribePrivate(channel, events, "secret");
            events.awaitSubscribed();

            ok(api.trigger(channel, "secret", Map.of("for", "members only")));

            PusherEvent event = events.nextEvent();
            assertThat(event.getChannelName()).isEqualTo(channel);
            assertThat(event.getData()).isEqualTo("{\"for\":\"members only\"}");
            assertThat(events.failures()).isEmpty();
        }
    }

    @Test
    void encryptedChannelDataIsRelayedUnchanged() {
        String channel = unique("private-encrypted-");
        SecureRandom random = new SecureRandom();
        byte[] nonce = new byte[24];
        byte[] ciphertext = new byte[48];
        random.nextBytes(nonce);
        random.nextBytes(ciphertext);
        String data = "{\"nonce\":\"" + Base64.getEncoder().encodeToString(nonce) + "\",\"ciphertext\":\""
                + Base64.getEncoder().encodeToString(ciphertext) + "\"}";
        try (WsClient client = WsClient.connect(url.getPort(), TestApps.DEMO.key())) {
            String socketId = client.socketId();
            client.send(Signing.subscribePrivate(TestApps.DEMO, socketId, channel));
            assertThat(client.next()).isEqualTo(
                    "{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"" + channel + "\",\"data\":\"{}\"}");

            HttpResponse<String> reply = SignedHttp.post(url.getPort(), TestApps.DEMO, "/apps/app-id/events",
                    "{\"name\":\"sealed\",\"channel\":\"" + channel + "\",\"data\":" + JsonText.quote(data) + "}");
            assertThat(reply.statusCode()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("{}");

            assertThat(nextNonCount(client)).isEqualTo(
                    "{\"event\":\"sealed\",\"channel\":\"" + channel + "\",\"data\":" + JsonText.quote(data) + "}");
        }
    }

    /**
     * On the QUIET app: with subscription counts on, pusher-java-client 2.4.4 tries to decrypt
     * {@code pusher_internal:subscription_count} on encrypted channels and throws on its event thread (pusher-js
     * skips internal events).
     */
    @Test
    void encryptedChannelEventIsDecryptedByTheClientAndNeverByTheServer() {
        String channel = unique("private-encrypted-");
        AppBackend quietBackend = new AppBackend(TestApps.QUIET);
        Pusher quietApi = Api.of(url.getPort(), TestApps.QUIET);
        try (JavaClient client = JavaClient.connect(url.getPort(), TestApps.QUIET,
                options -> options.setChannelAuthorizer(quietBackend.privateChannels()));
                WsClient observer = WsClient.connect(url.getPort(), TestApps.QUIET.key())) {
            Recorder events = new Recorder();
            client.pusher().subscribePrivateEncrypted(channel, events, "sealed");
            events.awaitSubscribed();
            observer.send(Signing.subscribePrivate(TestApps.QUIET, observer.socketId(), channel));
            observer.nextEvent("pusher_internal:subscription_succeeded");

            ok(quietApi.trigger(channel, "sealed", Map.of("message", "top secret")));

            assertThat(events.nextEvent().getData()).isEqualTo("{\"message\":\"top secret\"}");
            JsonNode relayed = json(observer.next());
            assertThat(relayed.path("event").asText()).isEqualTo("sealed");
            JsonNode sealed = json(relayed.path("data").asText());
            assertThat(sealed.path("nonce").asText()).isNotEmpty();
            assertThat(sealed.path("ciphertext").asText()).isNotEmpty();
            assertThat(relayed.toString()).doesNotContain("top secret");
            assertThat(events.failures()).isEmpty();
        } finally {
            Api.close(quietApi);
        }
    }

    @Test
    void unsubscribingStopsDeliveryToTheJavaClient() {
        String channel = unique("public-");
        try (JavaClient client = JavaClient.connect(url.getPort(), TestApps.DEMO)) {
            Recorder events = new Recorder();
            client.pusher().subscribe(channel, events, "tick");
            events.awaitSubscribed();
            ok(api.trigger(channel, "tick", Map.of("n", "1")));
            assertThat(events.nextEvent().getData()).isEqualTo("{\"n\":\"1\"}");

            client.pusher().unsubscribe(channel);
            Gateway.awaitVacant(api, channel);
            ok(api.trigger(channel, "tick", Map.of("n", "2")));

            events.expectNoEvent(QUIET);
            assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
        }
    }

    @Test
    void unsubscribingStopsTheFramesOnTheWire() {
        String channel = unique("public-");
        try (WsClient client = WsClient.connect(url.getPort(), TestApps.DEMO.key())) {
            client.socketId();
            client.send(Signing.subscribe(channel));
            client.nextEvent("pusher_internal:subscription_succeeded");
            client.send(Signing.unsubscribe(channel));
            Gateway.sync(client);

            ok(rawApi.trigger(channel, "tick", "\"while away\""));
            // Subscribing again and publishing once more: one channel's events keep their order, so a frame of the
            // first publish, had it been sent, would come before the second.
            client.send(Signing.subscribe(channel));
            assertThat(nextNonCount(client)).isEqualTo(
                    "{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"" + channel + "\",\"data\":\"{}\"}");
            ok(rawApi.trigger(channel, "tick", "\"back\""));

            assertThat(nextNonCount(client)).isEqualTo(
                    "{\"event\":\"tick\",\"channel\":\"" + channel + "\",\"data\":\"\\\"back\\\"\"}");
        }
    }

    @Test
    void refusedSubscriptionIsReportedOnTheChannelAndTheClientStaysConnected() {
        String refused = unique("private-");
        String after = unique("public-");
        try (JavaClient client = JavaClient.connect(url.getPort(), TestApps.DEMO,
                options -> options.setChannelAuthorizer(backend.wrongSecret()))) {
            Recorder events = new Recorder();
            client.pusher().subscribePrivate(refused, events, "pusher:subscription_error");

            PusherEvent error = events.nextEvent();
            assertThat(error.getEventName()).isEqualTo("pusher:subscription_error");
            assertThat(error.getChannelName()).isEqualTo(refused);
            JsonNode data = json(error.getData());
            assertThat(data.path("type").asText()).isEqualTo("AuthError");
            assertThat(data.path("status").asInt()).isEqualTo(401);
            assertThat(data.path("error").asText()).contains(refused);
            assertThat(events.isSubscribed()).isFalse();
            assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);

            // The connection is still usable.
            Recorder later = new Recorder();
            client.pusher().subscribe(after, later, "still-here");
            later.awaitSubscribed();
            ok(api.trigger(after, "still-here", Map.of()));
            assertThat(later.nextEvent().getData()).isEqualTo("{}");
            assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(client.errors()).isEmpty();
        }
    }
}
