package dev.starling.gateway.blackbox;

import static dev.starling.gateway.blackbox.Gateway.ok;
import static dev.starling.gateway.blackbox.Gateway.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.pusher.client.channel.PresenceChannel;
import com.pusher.client.channel.PrivateChannel;
import com.pusher.client.channel.PusherEvent;
import com.pusher.client.connection.ConnectionState;
import com.pusher.rest.Pusher;

import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import dev.starling.gateway.support.TestApps.TestApp;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Client events between two pusher-java-clients: relayed to the others, never echoed to the sender, with the
 * sender's user id on presence channels.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class JavaClientClientEventsTest {

    private static final Duration QUIET = Duration.ofMillis(500);
    private static final String DATA = "{\"text\":\"hi \\\"there\\\"\",\"n\":1}";

    @TestHTTPResource("/")
    URL url;

    private Pusher api;

    @BeforeEach
    void sdk() {
        api = Api.of(url.getPort(), TestApps.DEMO);
    }

    @AfterEach
    void closeSdk() {
        Api.close(api);
    }

    private JavaClient client(TestApp app, String userId) {
        AppBackend backend = new AppBackend(app);
        return JavaClient.connect(url.getPort(), app,
                options -> options.setChannelAuthorizer(backend.presenceAs(userId, Map.of("name", userId))));
    }

    @Test
    void privateChannelEventReachesTheOtherClientAndIsNotEchoed() {
        String channel = unique("private-");
        try (JavaClient alice = client(TestApps.DEMO, "alice"); JavaClient bob = client(TestApps.DEMO, "bob")) {
            Recorder aliceEvents = new Recorder();
            PrivateChannel aliceChannel = alice.pusher().subscribePrivate(channel, aliceEvents, "client-hello", "sentinel");
            aliceEvents.awaitSubscribed();
            Recorder bobEvents = new Recorder();
            bob.pusher().subscribePrivate(channel, bobEvents, "client-hello");
            bobEvents.awaitSubscribed();

            aliceChannel.trigger("client-hello", DATA);

            PusherEvent received = bobEvents.nextEvent();
            assertThat(received.getEventName()).isEqualTo("client-hello");
            assertThat(received.getChannelName()).isEqualTo(channel);
            assertThat(received.getData()).isEqualTo(DATA);
            assertThat(received.getUserId()).isNull();
            // A server event published after the client event reached bob: an echo to alice would come before it.
            ok(api.trigger(channel, "sentinel", Map.of()));
            assertThat(aliceEvents.nextEvent().getEventName()).isEqualTo("sentinel");
            aliceEvents.expectNoEvent(QUIET);
        }
    }

    @Test
    void presenceChannelEventCarriesTheSendersUserId() {
        String channel = unique("presence-");
        try (JavaClient alice = client(TestApps.DEMO, "alice"); JavaClient bob = client(TestApps.DEMO, "bob")) {
            Recorder aliceEvents = new Recorder();
            PresenceChannel aliceChannel = alice.pusher().subscribePresence(channel, aliceEvents, "client-wave", "sentinel");
            aliceEvents.awaitSubscribed();
            Recorder bobEvents = new Recorder();
            bob.pusher().subscribePresence(channel, bobEvents, "client-wave");
            bobEvents.awaitSubscribed();
            aliceEvents.nextJoined();

            aliceChannel.trigger("client-wave", DATA);

            PusherEvent received = bobEvents.nextEvent();
            assertThat(received.getEventName()).isEqualTo("client-wave");
            assertThat(received.getData()).isEqualTo(DATA);
            assertThat(received.getUserId()).isEqualTo("alice");
            ok(api.trigger(channel, "sentinel", Map.of()));
            assertThat(aliceEvents.nextEvent().getEventName()).isEqualTo("sentinel");
        }
    }

    @Test
    void appWithoutClientEventsAnswersWithAPusherErrorAndKeepsTheConnection() {
        String channel = unique("private-");
        try (JavaClient alice = client(TestApps.QUIET, "alice"); JavaClient bob = client(TestApps.QUIET, "bob")) {
            Recorder aliceEvents = new Recorder();
            PrivateChannel aliceChannel = alice.pusher().subscribePrivate(channel, aliceEvents);
            aliceEvents.awaitSubscribed();
            Recorder bobEvents = new Recorder();
            bob.pusher().subscribePrivate(channel, bobEvents, "client-hello");
            bobEvents.awaitSubscribed();

            aliceChannel.trigger("client-hello", DATA);

            assertThat(alice.nextError().message()).contains("not enabled");
            bobEvents.expectNoEvent(QUIET);
            assertThat(alice.state()).isEqualTo(ConnectionState.CONNECTED);
        }
    }
}
