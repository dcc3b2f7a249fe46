package dev.starling.gateway.blackbox;

import static dev.starling.gateway.blackbox.Gateway.json;
import static dev.starling.gateway.blackbox.Gateway.ok;
import static dev.starling.gateway.blackbox.Gateway.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.pusher.client.channel.PusherEvent;
import com.pusher.client.connection.ConnectionState;
import com.pusher.rest.Pusher;

import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import dev.starling.protocol.json.JsonText;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * User sign-in with pusher-java-client: events for {@code #server-to-user-<id>} reach the signed-in user's sockets,
 * {@code terminate_connections} closes them for good, a bad signature is a {@code pusher:error}.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class JavaClientSigninTest {

    private static final Duration QUIET = Duration.ofMillis(500);

    @TestHTTPResource("/")
    URL url;

    private final AppBackend backend = new AppBackend(TestApps.DEMO);
    private Pusher api;

    @BeforeEach
    void sdk() {
        api = Api.of(url.getPort(), TestApps.DEMO);
    }

    @AfterEach
    void closeSdk() {
        Api.close(api);
    }

    private static String userData(String userId) {
        return "{\"id\":" + JsonText.quote(userId) + ",\"user_info\":{\"name\":\"Ann\"}}";
    }

    /**
     * Binds {@code events} to the user's {@code event}, asks for sign-in, connects and waits for signin_success.
     * {@code signin()} is called before connecting: called right after CONNECTED it races with the client's own
     * CONNECTED handler and may send {@code pusher:signin} twice (pusher-java-client 2.4.4).
     */
    private JavaClient signedIn(String userId, String event, Recorder events, int maxReconnects) {
        JavaClient client = JavaClient.connect(url.getPort(), TestApps.DEMO,
                options -> options.setUserAuthenticator(backend.signinAs(userData(userId)))
                        .setMaxReconnectionAttempts(maxReconnects),
                pusher -> {
                    pusher.user().bind(event, events);
                    pusher.signin();
                });
        await().atMost(JavaClient.TIMEOUT).until(() -> userId.equals(client.pusher().user().userId()));
        return client;
    }

    private Pusher sendToUser(String userId, String event, String data) {
        String body = "{\"name\":" + JsonText.quote(event) + ",\"channel\":" + JsonText.quote("#server-to-user-" + userId)
                + ",\"data\":" + JsonText.quote(data) + "}";
        assertThat(ok(api.post("/events", body))).isEqualTo(json("{}"));
        return api;
    }

    @Test
    void signedInUserReceivesServerToUserEvents() {
        String userId = unique("user-");
        Recorder events = new Recorder();
        try (JavaClient client = signedIn(userId, "notice", events, 0)) {
            // pusher-http-java refuses '#' channel names itself, so the event goes through its generic post.
            assertThatThrownBy(() -> api.trigger("#server-to-user-" + userId, "notice", Map.of()))
                    .isInstanceOf(IllegalArgumentException.class);

            sendToUser(userId, "notice", "{\"unread\":3}");

            PusherEvent event = events.nextEvent();
            assertThat(event.getEventName()).isEqualTo("notice");
            assertThat(event.getChannelName()).isEqualTo("#server-to-user-" + userId);
            assertThat(event.getData()).isEqualTo("{\"unread\":3}");
            assertThat(client.errors()).isEmpty();
        }
    }

    @Test
    void everySocketOfTheUserReceivesAndNoOtherUser() {
        String userId = unique("user-");
        String otherId = unique("user-");
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        Recorder other = new Recorder();
        try (JavaClient a = signedIn(userId, "notice", first, 0); JavaClient b = signedIn(userId, "notice", second, 0);
                JavaClient c = signedIn(otherId, "notice", other, 0)) {
            sendToUser(userId, "notice", "{}");

            assertThat(first.nextEvent().getEventName()).isEqualTo("notice");
            assertThat(second.nextEvent().getEventName()).isEqualTo("notice");
            other.expectNoEvent(QUIET);
        }
    }

    @Test
    void terminateConnectionsDisconnectsTheUserForGood() {
        String userId = unique("user-");
        String otherId = unique("user-");
        Recorder events = new Recorder();
        Recorder otherEvents = new Recorder();
        // Reconnection allowed, so that staying disconnected is the close code's doing.
        try (JavaClient client = signedIn(userId, "notice", events, 6);
                JavaClient other = signedIn(otherId, "notice", otherEvents, 6)) {
            assertThat(ok(api.post("/users/" + userId + "/terminate_connections", "{}"))).isEqualTo(json("{}"));

            client.awaitDisconnected();
            assertThat(client.states()).doesNotContain(ConnectionState.RECONNECTING);
            assertThat(other.state()).isEqualTo(ConnectionState.CONNECTED);
            sendToUser(otherId, "notice", "{}");
            assertThat(otherEvents.nextEvent().getEventName()).isEqualTo("notice");
        }
    }

    @Test
    void badSigninSignatureIsAPusherErrorAndTheClientStaysConnected() {
        String userId = unique("user-");
        Recorder events = new Recorder();
        try (JavaClient client = JavaClient.connect(url.getPort(), TestApps.DEMO,
                options -> options.setUserAuthenticator(backend.forgedSignin(userData("someone-else"), userData(userId))),
                pusher -> {
                    pusher.user().bind("notice", events);
                    pusher.signin();
                })) {

            JavaClient.Error error = client.nextError();
            assertThat(error.code()).isEqualTo("4009");
            assertThat(error.message()).containsIgnoringCase("signature");
            assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(client.pusher().user().userId()).isNull();
            sendToUser(userId, "notice", "{}");
            events.expectNoEvent(QUIET);
        }
    }
}
