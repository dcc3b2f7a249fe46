package dev.starling.gateway.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.gateway.support.ManualClock;
import dev.starling.testkit.SignedHttp;
import dev.starling.testkit.Signing;
import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import dev.starling.testkit.WsClient;
import dev.starling.gateway.wskit.Api;
import dev.starling.gateway.wskit.Expected;
import dev.starling.gateway.wskit.Names;
import dev.starling.protocol.json.Json;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Cache channels: a new subscriber gets the last event published over HTTP right after subscription_succeeded, or
 * {@code pusher:cache_miss} when there is none or it is older than the 30-minute TTL; {@code info=cache} shows it.
 * Runs on the QUIET app so that no subscription_count frames interleave.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class CacheChannelTest {

    private static final TestApps.TestApp APP = TestApps.QUIET;

    @TestHTTPResource("/")
    URL url;

    @Inject
    ManualClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anEmptyCacheChannelAnswersWithCacheMissAfterSubscriptionSucceeded() {
        String channel = Names.unique("cache-");
        try (WsClient client = connect()) {
            client.socketId();
            client.send(Signing.subscribe(channel));
            assertThat(client.next()).isEqualTo(Expected.succeeded(channel));
            assertThat(client.next()).isEqualTo("{\"event\":\"pusher:cache_miss\",\"channel\":\"" + channel + "\"}");
            assertPongIsNext(client);
        }
    }

    @Test
    void aNewSubscriberGetsTheLastPublishedEventRightAfterSubscriptionSucceeded() {
        String channel = Names.unique("cache-");
        try (WsClient first = connect()) {
            first.socketId();
            first.send(Signing.subscribe(channel));
            assertThat(first.next()).isEqualTo(Expected.succeeded(channel));
            assertThat(first.next()).isEqualTo(Expected.cacheMiss(channel));

            Api.publish(url.getPort(), APP, channel, "price", "{\"v\":1}");
            assertThat(first.next()).isEqualTo(Expected.event("price", channel, "{\"v\":1}"));
            assertThat(subscribeAndTakeTwo(channel)).containsExactly(Expected.succeeded(channel),
                    "{\"event\":\"price\",\"channel\":\"" + channel + "\",\"data\":\"{\\\"v\\\":1}\"}");

            Api.publish(url.getPort(), APP, channel, "price", "{\"v\":2}");
            assertThat(first.next()).isEqualTo(Expected.event("price", channel, "{\"v\":2}"));
            assertThat(subscribeAndTakeTwo(channel)).as("only the last event is kept")
                    .containsExactly(Expected.succeeded(channel), Expected.event("price", channel, "{\"v\":2}"));
        }
    }

    @Test
    void theCachedEventExpiresAfterThirtyMinutes() {
        String channel = Names.unique("cache-");
        Api.publish(url.getPort(), APP, channel, "state", "kept");

        clock.advance(Duration.ofMinutes(29));
        assertThat(subscribeAndTakeTwo(channel)).containsExactly(Expected.succeeded(channel),
                Expected.event("state", channel, "kept"));

        clock.advance(Duration.ofMinutes(2));
        assertThat(subscribeAndTakeTwo(channel)).containsExactly(Expected.succeeded(channel), Expected.cacheMiss(channel));
    }

    @Test
    void privateCacheChannelsNeedAuthAndCacheTheSameWay() {
        String channel = Names.unique("private-cache-");
        try (WsClient client = connect()) {
            String socketId = client.socketId();
            client.send(Signing.subscribe(channel));
            assertThat(client.next()).isEqualTo(Expected.subscriptionError(channel, "AuthError",
                    "Subscribing to " + channel + " needs an auth signature", 401));
            client.send(Signing.subscribePrivate(APP, socketId, channel));
            assertThat(client.next()).isEqualTo(Expected.succeeded(channel));
            assertThat(client.next()).isEqualTo(Expected.cacheMiss(channel));

            Api.publish(url.getPort(), APP, channel, "secret", "s3");
            assertThat(client.next()).isEqualTo(Expected.event("secret", channel, "s3"));
        }
        try (WsClient late = connect()) {
            String socketId = late.socketId();
            late.send(Signing.subscribePrivate(APP, socketId, channel));
            assertThat(late.next()).isEqualTo(Expected.succeeded(channel));
            assertThat(late.next()).isEqualTo(Expected.event("secret", channel, "s3"));
            assertPongIsNext(late);
        }
    }

    @Test
    void channelInfoShowsTheCachedDataAndItsRemainingTtl() throws Exception {
        String channel = Names.unique("cache-");
        assertThat(info(channel).body()).isEqualTo("{\"occupied\":false}");

        Api.publish(url.getPort(), APP, channel, "state", "{\"v\":1}");
        JsonNode fresh = Json.MAPPER.readTree(info(channel).body());
        assertThat(fresh.get("occupied").asBoolean()).isFalse();
        assertThat(fresh.get("cache").get("data").asText()).isEqualTo("{\"v\":1}");
        assertThat(fresh.get("cache").get("ttl").asLong()).isBetween(1795L, 1800L);
        assertThat(fresh.get("cache").size()).isEqualTo(2);

        try (WsClient client = connect()) {
            client.socketId();
            client.send(Signing.subscribe(channel));
            assertThat(client.next()).isEqualTo(Expected.succeeded(channel));
            assertThat(client.next()).isEqualTo(Expected.event("state", channel, "{\"v\":1}"));

            clock.advance(Duration.ofMinutes(10));
            HttpResponse<String> later = info(channel);
            assertThat(later.statusCode()).isEqualTo(200);
            JsonNode aged = Json.MAPPER.readTree(later.body());
            assertThat(aged.get("occupied").asBoolean()).isTrue();
            assertThat(aged.get("cache").get("ttl").asLong()).isBetween(1195L, 1200L);
            assertThat(later.body()).startsWith("{\"occupied\":true,\"cache\":{\"data\":\"{\\\"v\\\":1}\",\"ttl\":");
        }
    }

    @Test
    void infoCacheIsABadRequestForAChannelThatIsNotACacheChannel() {
        HttpResponse<String> response = info(Names.unique("plain-"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"info=cache is only available for cache channels\",\"status\":400}");
    }

    private WsClient connect() {
        return WsClient.connect(url.getPort(), APP.key());
    }

    /** A fresh client subscribes; returns its first two frames after the handshake, and asserts nothing follows. */
    private List<String> subscribeAndTakeTwo(String channel) {
        try (WsClient client = connect()) {
            client.socketId();
            client.send(Signing.subscribe(channel));
            List<String> frames = List.of(client.next(), client.next());
            assertPongIsNext(client);
            return frames;
        }
    }

    /** {@code GET …/channels/{channel}?info=cache}, signed at the gateway's (possibly advanced) time. */
    private HttpResponse<String> info(String channel) {
        return SignedHttp.send(url.getPort(), APP, "GET", "/apps/" + APP.id() + "/channels/" + channel, null,
                Map.of("info", "cache"), clock.millis() / 1000);
    }

    private static void assertPongIsNext(WsClient client) {
        client.send(Expected.PING);
        assertThat(client.next()).isEqualTo(Expected.PONG);
    }
}
