package dev.starling.gateway.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.starling.gateway.cluster.ClusterState;
import dev.starling.gateway.connection.ConnectionRegistry;
import dev.starling.testkit.SignedHttp;
import dev.starling.testkit.Signing;
import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import dev.starling.gateway.support.TestApps.TestApp;
import dev.starling.testkit.WsClient;
import dev.starling.gateway.wskit.Expected;
import dev.starling.gateway.wskit.Names;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * User sign-in ({@code pusher:signin}) and what hangs on it: the exact success frame, refusals that keep the
 * connection, one user per connection, watchlist online/offline events (DEMO has them on, QUIET off), the
 * watchlist limit, server-to-user events and {@code terminate_connections}.
 *
 * <p>User ids carry a random suffix: signed-in users are app-wide state shared with every other test.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class SigninTest {

    private static final TestApp APP = TestApps.DEMO;

    @TestHTTPResource("/")
    URL url;

    @Inject
    ConnectionRegistry connections;

    @Inject
    ClusterState state;

    private final Map<WsClient, String> socketIds = new IdentityHashMap<>();

    @Test
    void aValidSigninIsAnsweredWithTheSameUserDataString() {
        String user = Names.unique("user-");
        try (WsClient client = connect(APP)) {
            String socketId = client.socketId();
            String userData = "{\"id\":\"" + user + "\",\"user_info\":{\"name\":\"Ann\"}}";
            client.send(Signing.signin(APP, socketId, userData));
            assertThat(client.next()).isEqualTo("{\"event\":\"pusher:signin_success\",\"data\":{\"user_data\":"
                    + "\"{\\\"id\\\":\\\"" + user + "\\\",\\\"user_info\\\":{\\\"name\\\":\\\"Ann\\\"}}\"}}");
            assertPongIsNext(client);
        }
    }

    @Test
    void aWrongSignatureIsAnErrorAndTheConnectionStaysOpen() {
        String user = Names.unique("user-");
        try (WsClient client = connect(APP); WsClient other = connect(APP)) {
            String socketId = client.socketId();
            String userData = userData(user);
            client.send(Signing.signin(APP, other.socketId(), userData));
            assertThat(client.next()).isEqualTo(Expected.error(4009, "Invalid signature for pusher:signin"));
            assertPongIsNext(client);

            client.send(Signing.signin(APP, socketId, userData));
            assertThat(client.next()).isEqualTo(signinSuccess(userData));
        }
    }

    @Test
    void aConnectionStaysSignedInAsItsFirstUser() {
        String user = Names.unique("user-");
        try (WsClient client = connect(APP)) {
            String socketId = client.socketId();
            client.send(Signing.signin(APP, socketId, userData(user)));
            assertThat(client.next()).isEqualTo(signinSuccess(userData(user)));

            client.send(Signing.signin(APP, socketId, userData(Names.unique("intruder-"))));
            assertThat(client.next()).isEqualTo(Expected.error(4009, "Connection is already signed in as another user"));

            String again = "{\"id\":\"" + user + "\",\"user_info\":{\"v\":2}}";
            client.send(Signing.signin(APP, socketId, again));
            assertThat(client.next()).isEqualTo(signinSuccess(again));
            assertPongIsNext(client);
        }
    }

    @Test
    void watchersGetTheInitialStateThenEveryOnlineAndOfflineChange() {
        String a = Names.unique("a-");
        String b = Names.unique("b-");
        String c = Names.unique("c-");
        try (WsClient b1 = connect(APP); WsClient b2 = connect(APP); WsClient c1 = connect(APP);
                WsClient watcher = connect(APP)) {
            signIn(b1, userData(b));
            // The sign-in reaches the cluster state through the bus, after signin_success: wait for it, so that the
            // watcher's initial state has b online (were it later, the watcher would get b offline, then online).
            await().atMost(WsClient.TIMEOUT).until(() -> state.isOnline(APP.id(), b));

            String watcherData = "{\"id\":\"" + a + "\",\"watchlist\":[\"" + b + "\",\"" + c + "\"]}";
            watcher.send(Signing.signin(APP, watcher.socketId(), watcherData));
            assertThat(watcher.next()).isEqualTo(signinSuccess(watcherData));
            assertThat(watcher.next()).isEqualTo("{\"event\":\"pusher_internal:watchlist_events\",\"data\":{\"events\":["
                    + "{\"name\":\"online\",\"user_ids\":[\"" + b + "\"]},{\"name\":\"offline\",\"user_ids\":[\"" + c + "\"]}]}}");

            signIn(c1, userData(c));
            assertThat(watcher.next()).isEqualTo(watchlistEvent("online", c));

            signIn(b2, userData(b));
            assertPongIsNext(watcher);

            String b1Id = socketIdOf(b1);
            b1.close();
            await().atMost(WsClient.TIMEOUT).until(() -> connections.get(b1Id) == null);
            assertPongIsNext(watcher);

            b2.close();
            assertThat(watcher.next()).isEqualTo(watchlistEvent("offline", b));
            c1.abort();
            assertThat(watcher.next()).isEqualTo(watchlistEvent("offline", c));
        }
    }

    @Test
    void signingInAgainAsTheSameUserReplacesTheWatchlist() {
        String a = Names.unique("a-");
        String b = Names.unique("b-");
        String c = Names.unique("c-");
        try (WsClient watcher = connect(APP); WsClient b1 = connect(APP); WsClient c1 = connect(APP)) {
            String socketId = watcher.socketId();
            String first = "{\"id\":\"" + a + "\",\"watchlist\":[\"" + b + "\"]}";
            watcher.send(Signing.signin(APP, socketId, first));
            assertThat(watcher.next()).isEqualTo(signinSuccess(first));
            assertThat(watcher.next()).isEqualTo(watchlistEvent("offline", b));

            String second = "{\"id\":\"" + a + "\",\"watchlist\":[\"" + c + "\"]}";
            watcher.send(Signing.signin(APP, socketId, second));
            assertThat(watcher.next()).isEqualTo(signinSuccess(second));
            assertThat(watcher.next()).isEqualTo(watchlistEvent("offline", c));

            signIn(b1, userData(b));
            assertPongIsNext(watcher);
            signIn(c1, userData(c));
            assertThat(watcher.next()).isEqualTo(watchlistEvent("online", c));
        }
    }

    @Test
    void aWatchlistOverOneHundredIdsKeepsTheFirstHundredAndSays4302() {
        String prefix = Names.unique("w-");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            ids.add(prefix + "-" + i);
        }
        String userData = "{\"id\":\"" + Names.unique("a-") + "\",\"watchlist\":[\"" + String.join("\",\"", ids) + "\"]}";
        try (WsClient client = connect(APP)) {
            client.send(Signing.signin(APP, client.socketId(), userData));
            assertThat(client.next()).isEqualTo(signinSuccess(userData));
            assertThat(client.next()).isEqualTo(
                    Expected.error(4302, "Watchlist limit exceeded: only the first 100 user ids are watched"));
            assertThat(client.next()).isEqualTo("{\"event\":\"pusher_internal:watchlist_events\",\"data\":{\"events\":["
                    + "{\"name\":\"offline\",\"user_ids\":[\"" + String.join("\",\"", ids.subList(0, 100)) + "\"]}]}}");
            assertPongIsNext(client);
        }
    }

    @Test
    void anAppWithoutWatchlistEventsSendsNone() {
        TestApp quiet = TestApps.QUIET;
        String watched = Names.unique("b-");
        try (WsClient watcher = connect(quiet); WsClient other = connect(quiet)) {
            String watcherData = "{\"id\":\"" + Names.unique("a-") + "\",\"watchlist\":[\"" + watched + "\"]}";
            watcher.send(Signing.signin(quiet, watcher.socketId(), watcherData));
            assertThat(watcher.next()).isEqualTo(signinSuccess(watcherData));
            assertPongIsNext(watcher);

            other.send(Signing.signin(quiet, other.socketId(), userData(watched)));
            assertThat(other.next()).isEqualTo(signinSuccess(userData(watched)));
            assertPongIsNext(watcher);
        }
    }

    @Test
    void serverToUserEventsReachEverySocketOfThatUserAndNobodyElse() {
        String b = Names.unique("b-");
        try (WsClient b1 = connect(APP); WsClient b2 = connect(APP); WsClient otherUser = connect(APP);
                WsClient anonymous = connect(APP)) {
            signIn(b1, userData(b));
            b1.send(Signing.subscribe("#server-to-user-" + b));
            assertThat(b1.next()).isEqualTo(Expected.succeeded("#server-to-user-" + b));
            signIn(b2, userData(b));
            signIn(otherUser, userData(Names.unique("d-")));
            anonymous.socketId();

            HttpResponse<String> response = SignedHttp.post(url.getPort(), APP, "/apps/" + APP.id() + "/events",
                    "{\"name\":\"e\",\"channel\":\"#server-to-user-" + b + "\",\"data\":\"x\"}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

            String expected = "{\"event\":\"e\",\"channel\":\"#server-to-user-" + b + "\",\"data\":\"x\"}";
            assertThat(b1.next()).isEqualTo(expected);
            assertPongIsNext(b1);
            assertThat(b2.next()).isEqualTo(expected);
            assertPongIsNext(b2);
            assertPongIsNext(otherUser);
            assertPongIsNext(anonymous);
        }
    }

    @Test
    void terminateConnectionsClosesEverySocketOfTheUserWith4009() {
        String b = Names.unique("b-");
        try (WsClient b1 = connect(APP); WsClient b2 = connect(APP); WsClient otherUser = connect(APP)) {
            signIn(b1, userData(b));
            signIn(b2, userData(b));
            signIn(otherUser, userData(Names.unique("d-")));

            HttpResponse<String> response = SignedHttp.post(url.getPort(), APP,
                    "/apps/" + APP.id() + "/users/" + b + "/terminate_connections", "{}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{}");

            assertThat(b1.awaitClose()).isEqualTo(new WsClient.Closed(4009, "Connection terminated by the server"));
            assertThat(b2.awaitClose()).isEqualTo(new WsClient.Closed(4009, "Connection terminated by the server"));
            assertPongIsNext(otherUser);
            assertThat(otherUser.isClosed()).isFalse();
        }
    }

    private WsClient connect(TestApp app) {
        return WsClient.connect(url.getPort(), app.key());
    }

    /** Signs a DEMO client in (taking its handshake) and asserts the success frame. */
    private void signIn(WsClient client, String userData) {
        String socketId = client.socketId();
        socketIds.put(client, socketId);
        client.send(Signing.signin(APP, socketId, userData));
        assertThat(client.next()).isEqualTo(signinSuccess(userData));
    }

    private String socketIdOf(WsClient client) {
        return socketIds.get(client);
    }

    private static String userData(String id) {
        return "{\"id\":\"" + id + "\"}";
    }

    private static String signinSuccess(String userData) {
        return "{\"event\":\"pusher:signin_success\",\"data\":{\"user_data\":" + Expected.quote(userData) + "}}";
    }

    private static String watchlistEvent(String name, String userId) {
        return "{\"event\":\"pusher_internal:watchlist_events\",\"data\":{\"events\":[{\"name\":\"" + name
                + "\",\"user_ids\":[\"" + userId + "\"]}]}}";
    }

    private static void assertPongIsNext(WsClient client) {
        client.send(Expected.PING);
        assertThat(client.next()).isEqualTo(Expected.PONG);
    }
}
