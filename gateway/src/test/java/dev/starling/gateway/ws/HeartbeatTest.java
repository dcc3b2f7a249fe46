package dev.starling.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.starling.gateway.connection.ConnectionRegistry;
import dev.starling.gateway.connection.HeartbeatMonitor;
import dev.starling.gateway.support.ManualClock;
import dev.starling.testkit.Signing;
import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import dev.starling.testkit.WsClient;
import dev.starling.gateway.wskit.Api;
import dev.starling.gateway.wskit.Expected;
import dev.starling.gateway.wskit.Names;
import dev.starling.gateway.wskit.RawSocket;
import dev.starling.gateway.wskit.Time;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Heartbeats both ways: client pings are answered, a silent client is pinged after the 120 s activity timeout and
 * closed with 4201 if nothing follows within the 30 s pong timeout. The QUIET app is used so that no
 * subscription_count frames interleave; an HTTP-published "marker" event proves that nothing was sent before it.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class HeartbeatTest {

    private static final String PONG_TIMEOUT_REASON =
            "Pong reply not received: ping was sent to the client, but no reply was received - please reconnect";

    @TestHTTPResource("/")
    URL url;

    @Inject
    ManualClock clock;

    @Inject
    HeartbeatMonitor heartbeat;

    @Inject
    ConnectionRegistry connections;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void pingWithDataIsAnsweredWithPong() {
        try (WsClient client = WsClient.connect(url.getPort(), TestApps.QUIET.key())) {
            client.socketId();
            client.send("{\"event\":\"pusher:ping\",\"data\":{}}");
            assertThat(client.next()).isEqualTo("{\"event\":\"pusher:pong\",\"data\":{}}");
        }
    }

    @Test
    void pingWithoutDataAsPusherJavaClientSendsItIsAnsweredWithPong() {
        try (WsClient client = WsClient.connect(url.getPort(), TestApps.QUIET.key())) {
            client.socketId();
            client.send("{\"event\": \"pusher:ping\"}");
            assertThat(client.next()).isEqualTo("{\"event\":\"pusher:pong\",\"data\":{}}");
        }
    }

    @Test
    void serverPingsOnlyAfterTheActivityTimeoutOfSilence() {
        try (WsClient client = WsClient.connect(url.getPort(), TestApps.QUIET.key())) {
            client.socketId();
            String channel = subscribedMarkerChannel(client);

            advance(Duration.ofSeconds(115));
            assertMarkerIsNext(client, channel);

            advance(Duration.ofSeconds(5));
            assertThat(client.next()).isEqualTo("{\"event\":\"pusher:ping\",\"data\":{}}");
        }
    }

    @Test
    void pongAfterTheServerPingKeepsTheConnection() {
        try (WsClient client = WsClient.connect(url.getPort(), TestApps.QUIET.key())) {
            String socketId = client.socketId();
            String channel = subscribedMarkerChannel(client);
            advance(Duration.ofSeconds(120));
            assertThat(client.next()).isEqualTo(Expected.PING);

            client.send("{\"event\":\"pusher:pong\",\"data\":{}}");
            awaitPongRead(socketId);
            advance(Duration.ofSeconds(30));

            assertMarkerIsNext(client, channel);
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void anyOtherFrameAfterTheServerPingAlsoKeepsTheConnection() {
        try (WsClient client = WsClient.connect(url.getPort(), TestApps.QUIET.key())) {
            client.socketId();
            String channel = subscribedMarkerChannel(client);
            advance(Duration.ofSeconds(120));
            assertThat(client.next()).isEqualTo(Expected.PING);

            String other = Names.unique("heartbeat-other-");
            client.send(Signing.subscribe(other));
            assertThat(client.next()).isEqualTo(Expected.succeeded(other));
            advance(Duration.ofSeconds(30));

            assertMarkerIsNext(client, channel);
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void webSocketPongAfterTheServerPingKeepsTheConnection() {
        try (RawSocket client = RawSocket.connect(url.getPort(), TestApps.QUIET.key())) {
            String socketId = client.socketId();
            String channel = Names.unique("heartbeat-");
            client.send(Signing.subscribe(channel));
            assertThat(client.next()).isEqualTo(Expected.succeeded(channel));
            advance(Duration.ofSeconds(120));
            assertThat(client.next()).isEqualTo(Expected.PING);

            client.sendPong(new byte[0]);
            awaitPongRead(socketId);
            advance(Duration.ofSeconds(30));

            Api.publish(url.getPort(), TestApps.QUIET, channel, "marker", "m");
            assertThat(client.next()).isEqualTo(Expected.event("marker", channel, "m"));
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void noFrameWithinThePongTimeoutClosesWith4201() {
        try (WsClient client = WsClient.connect(url.getPort(), TestApps.QUIET.key())) {
            client.socketId();
            String channel = subscribedMarkerChannel(client);
            advance(Duration.ofSeconds(120));
            assertThat(client.next()).isEqualTo(Expected.PING);

            advance(Duration.ofSeconds(25));
            assertMarkerIsNext(client, channel);
            assertThat(client.isClosed()).isFalse();

            advance(Duration.ofSeconds(5));
            WsClient.Closed closed = client.awaitClose();
            assertThat(closed.code()).isEqualTo(4201);
            assertThat(closed.reason()).isEqualTo(PONG_TIMEOUT_REASON);
        }
    }

    @Test
    void webSocketPingIsAnsweredWithPong() {
        try (RawSocket client = RawSocket.connect(url.getPort(), TestApps.QUIET.key())) {
            client.socketId();
            client.sendPing("are-you-there".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(client.nextPong(), StandardCharsets.UTF_8)).isEqualTo("are-you-there");
        }
    }

    private void advance(Duration duration) {
        Time.advance(clock, heartbeat, duration);
    }

    /**
     * A pong has no reply, so the test cannot see when the server has read it; moving time before that would race
     * the sweep against the read. Waits until the server-side connection no longer has a ping outstanding.
     */
    private void awaitPongRead(String socketId) {
        await().atMost(WsClient.TIMEOUT).until(() -> connections.get(socketId).pingSentMillis() == 0);
    }

    /** Subscribes (after the handshake was taken) to a fresh public channel (the last client activity) and returns it. */
    private static String subscribedMarkerChannel(WsClient client) {
        String channel = Names.unique("heartbeat-");
        client.send(Signing.subscribe(channel));
        assertThat(client.next()).isEqualTo(Expected.succeeded(channel));
        return channel;
    }

    /** Publishes a marker over HTTP (not client activity) and asserts it is the very next frame. */
    private void assertMarkerIsNext(WsClient client, String channel) {
        Api.publish(url.getPort(), TestApps.QUIET, channel, "marker", "m");
        assertThat(client.next()).isEqualTo(Expected.event("marker", channel, "m"));
    }
}
