package dev.starling.gateway.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.starling.gateway.support.ManualClock;
import dev.starling.testkit.Signing;
import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import dev.starling.gateway.support.TestApps.TestApp;
import dev.starling.testkit.WsClient;
import dev.starling.gateway.wskit.Api;
import dev.starling.gateway.wskit.Expected;
import dev.starling.gateway.wskit.Names;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code pusher_internal:subscription_count}: sent to a non-presence channel's subscribers whenever the count
 * changes (for apps that opt in, like DEMO), never on presence channels or for QUIET, and on channels with more
 * than 100 subscribers at most once per 5 s, carrying the count current when it is sent.
 *
 * <p>Counts are sent while the server handles the subscribe or unsubscribe that changed them, so a pong asked for
 * afterwards proves that no count frame was sent.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class SubscriptionCountTest {

    private static final TestApp APP = TestApps.DEMO;

    @TestHTTPResource("/")
    URL url;

    @Inject
    ManualClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void subscribersAreToldTheCountAsSubscribersComeAndGo() {
        String channel = Names.unique("counted-");
        try (WsClient a = connect(APP); WsClient b = connect(APP); WsClient c = connect(APP)) {
            subscribe(a, channel);
            assertThat(a.next()).isEqualTo("{\"event\":\"pusher_internal:subscription_count\",\"channel\":\"" + channel
                    + "\",\"data\":\"{\\\"subscription_count\\\":1}\"}");

            subscribe(b, channel);
            assertThat(b.next()).isEqualTo(Expected.count(channel, 2));
            assertThat(a.next()).isEqualTo(Expected.count(channel, 2));

            subscribe(c, channel);
            assertThat(c.next()).isEqualTo(Expected.count(channel, 3));
            assertThat(a.next()).isEqualTo(Expected.count(channel, 3));
            assertThat(b.next()).isEqualTo(Expected.count(channel, 3));

            b.send(Signing.unsubscribe(channel));
            assertThat(a.next()).isEqualTo(Expected.count(channel, 2));
            assertThat(c.next()).isEqualTo(Expected.count(channel, 2));
            assertPongIsNext(b);

            c.abort();
            assertThat(a.next()).isEqualTo(Expected.count(channel, 1));
            assertPongIsNext(a);
        }
    }

    @Test
    void presenceChannelsGetNoCounts() {
        String channel = Names.unique("presence-");
        try (WsClient a = connect(APP); WsClient b = connect(APP)) {
            a.send(Signing.subscribePresence(APP, a.socketId(), channel, "a", null));
            assertThat(a.nextJson().path("event").asText()).isEqualTo("pusher_internal:subscription_succeeded");
            b.send(Signing.subscribePresence(APP, b.socketId(), channel, "b", null));
            assertThat(b.nextJson().path("event").asText()).isEqualTo("pusher_internal:subscription_succeeded");
            assertThat(a.next()).isEqualTo(Expected.memberAdded(channel, "b", "null"));

            assertPongIsNext(a);
            assertPongIsNext(b);
        }
    }

    @Test
    void appsThatDidNotOptInGetNoCounts() {
        TestApp quiet = TestApps.QUIET;
        String channel = Names.unique("counted-");
        try (WsClient a = connect(quiet); WsClient b = connect(quiet)) {
            subscribe(a, channel);
            subscribe(b, channel);
            assertPongIsNext(a);
            assertPongIsNext(b);
        }
    }

    @Test
    void aboveOneHundredSubscribersChangesAreCoalescedToOneCountPerFiveSeconds() {
        String channel = Names.unique("crowded-");
        List<WsClient> clients = new ArrayList<>();
        try {
            for (int i = 1; i <= 100; i++) {
                WsClient client = connect(APP);
                clients.add(client);
                subscribe(client, channel);
                assertThat(client.next()).isEqualTo(Expected.count(channel, i));
            }
            for (WsClient client : clients.subList(0, 99)) {
                client.nextMatching(Expected.count(channel, 100)::equals);
            }

            WsClient hundredFirst = connect(APP);
            clients.add(hundredFirst);
            subscribe(hundredFirst, channel);
            WsClient hundredSecond = connect(APP);
            clients.add(hundredSecond);
            subscribe(hundredSecond, channel);
            assertPongIsNext(clients.getFirst());
            assertPongIsNext(hundredFirst);
            assertPongIsNext(hundredSecond);

            clock.advance(Duration.ofSeconds(5));
            for (WsClient client : clients) {
                assertThat(client.next()).isEqualTo(Expected.count(channel, 102));
            }

            // Two changes within the interval: one notification after it, with the count of that moment.
            hundredSecond.send(Signing.unsubscribe(channel));
            assertPongIsNext(hundredSecond);
            WsClient replacement = connect(APP);
            clients.add(replacement);
            subscribe(replacement, channel);
            WsClient another = connect(APP);
            clients.add(another);
            subscribe(another, channel);
            assertPongIsNext(clients.getFirst());
            assertPongIsNext(another);

            clock.advance(Duration.ofSeconds(5));
            for (WsClient client : clients) {
                if (client != hundredSecond) {
                    assertThat(client.next()).isEqualTo(Expected.count(channel, 103));
                }
            }
            assertPongIsNext(clients.getFirst());
            assertPongIsNext(hundredSecond);
        } finally {
            clients.forEach(WsClient::close);
        }
        await().atMost(WsClient.TIMEOUT).until(() -> Api.get(url.getPort(), APP, "/channels/" + channel, Map.of()).body()
                .equals("{\"occupied\":false}"));
        clock.advance(Duration.ofSeconds(5)); // lets the last throttled notification run while nobody is left
    }

    private WsClient connect(TestApp app) {
        return WsClient.connect(url.getPort(), app.key());
    }

    /** Takes the handshake, subscribes to the public channel and asserts subscription_succeeded. */
    private static void subscribe(WsClient client, String channel) {
        client.socketId();
        client.send(Signing.subscribe(channel));
        assertThat(client.next()).isEqualTo(Expected.succeeded(channel));
    }

    private static void assertPongIsNext(WsClient client) {
        client.send(Expected.PING);
        assertThat(client.next()).isEqualTo(Expected.PONG);
    }
}
