package dev.starling.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.starling.gateway.connection.HeartbeatMonitor;
import dev.starling.gateway.support.ManualClock;
import dev.starling.testkit.Signing;
import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import dev.starling.gateway.support.TestApps.TestApp;
import dev.starling.testkit.WsClient;
import dev.starling.gateway.wskit.Expected;
import dev.starling.gateway.wskit.Names;
import dev.starling.gateway.wskit.Time;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Authorized connections (the AUTHORIZED app, 10 s): a connection that neither signs in nor subscribes to a
 * private or presence channel within the timeout is closed with 4009; one that does stays. Failed attempts and
 * public channels do not count, and apps without the option (DEMO) never close connections for it.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class AuthorizedConnectionsTest {

    private static final TestApp APP = TestApps.AUTHORIZED;
    private static final WsClient.Closed UNAUTHORIZED = new WsClient.Closed(4009,
            "Connection was not authorized in time: sign in or subscribe to a private or presence channel");

    @TestHTTPResource("/")
    URL url;

    @Inject
    ManualClock clock;

    @Inject
    HeartbeatMonitor heartbeat;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aConnectionThatDoesNothingIsClosedWith4009WhenTheTimeoutPasses() {
        try (WsClient client = connect(APP)) {
            client.socketId();
            advance(Duration.ofSeconds(8));
            assertOpen(client);

            advance(Duration.ofSeconds(2));
            assertThat(client.awaitClose()).isEqualTo(UNAUTHORIZED);
        }
    }

    @Test
    void signingInInTimeKeepsTheConnection() {
        try (WsClient client = connect(APP)) {
            String userData = "{\"id\":\"" + Names.unique("user-") + "\"}";
            client.send(Signing.signin(APP, client.socketId(), userData));
            assertThat(client.nextJson().path("event").asText()).isEqualTo("pusher:signin_success");

            advance(Duration.ofSeconds(11));
            assertOpen(client);
        }
    }

    @Test
    void aPrivateSubscriptionInTimeKeepsTheConnection() {
        String channel = Names.unique("private-");
        try (WsClient client = connect(APP)) {
            client.send(Signing.subscribePrivate(APP, client.socketId(), channel));
            assertThat(client.next()).isEqualTo(Expected.succeeded(channel));

            advance(Duration.ofSeconds(11));
            assertOpen(client);
        }
    }

    @Test
    void aPresenceSubscriptionInTimeKeepsTheConnection() {
        String channel = Names.unique("presence-");
        try (WsClient client = connect(APP)) {
            client.send(Signing.subscribePresence(APP, client.socketId(), channel, "member", null));
            assertThat(client.nextJson().path("event").asText()).isEqualTo("pusher_internal:subscription_succeeded");

            advance(Duration.ofSeconds(11));
            assertOpen(client);
        }
    }

    @Test
    void aPublicSubscriptionAloneDoesNotCount() {
        String channel = Names.unique("public-");
        try (WsClient client = connect(APP)) {
            client.socketId();
            client.send(Signing.subscribe(channel));
            assertThat(client.next()).isEqualTo(Expected.succeeded(channel));

            advance(Duration.ofSeconds(11));
            assertThat(client.awaitClose()).isEqualTo(UNAUTHORIZED);
        }
    }

    @Test
    void refusedSigninsAndSubscriptionsDoNotCount() {
        String channel = Names.unique("private-");
        try (WsClient client = connect(APP); WsClient other = connect(APP)) {
            client.socketId();
            String otherId = other.socketId();
            client.send(Signing.signin(APP, otherId, "{\"id\":\"" + Names.unique("user-") + "\"}"));
            assertThat(client.nextJson().path("event").asText()).isEqualTo("pusher:error");
            client.send(Signing.subscribePrivate(APP, otherId, channel));
            assertThat(client.nextJson().path("event").asText()).isEqualTo("pusher:subscription_error");

            advance(Duration.ofSeconds(11));
            assertThat(client.awaitClose()).isEqualTo(UNAUTHORIZED);
        }
    }

    @Test
    void appsWithoutAuthorizedConnectionsNeverCloseForIt() {
        try (WsClient client = connect(TestApps.DEMO)) {
            client.socketId();
            advance(Duration.ofSeconds(11));
            assertOpen(client);
            advance(Duration.ofSeconds(60));
            assertOpen(client);
        }
    }

    private WsClient connect(TestApp app) {
        return WsClient.connect(url.getPort(), app.key());
    }

    private void advance(Duration duration) {
        Time.advance(clock, heartbeat, duration);
    }

    private static void assertOpen(WsClient client) {
        client.send(Expected.PING);
        assertThat(client.next()).isEqualTo(Expected.PONG);
        assertThat(client.isClosed()).isFalse();
    }
}
