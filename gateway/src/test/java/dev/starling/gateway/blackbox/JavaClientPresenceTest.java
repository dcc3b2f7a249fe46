package dev.starling.gateway.blackbox;

import static dev.starling.gateway.blackbox.Gateway.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URL;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.pusher.client.channel.PresenceChannel;
import com.pusher.client.channel.User;

import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Presence channels as pusher-java-client sees them: members, joins and leaves, and who "me" is. */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class JavaClientPresenceTest {

    private static final Duration QUIET = Duration.ofMillis(500);

    @TestHTTPResource("/")
    URL url;

    private final AppBackend backend = new AppBackend(TestApps.DEMO);

    private JavaClient member(String userId, String name) {
        return JavaClient.connect(url.getPort(), TestApps.DEMO,
                options -> options.setChannelAuthorizer(backend.presenceAs(userId, Map.of("name", name))));
    }

    private static List<String> ids(Collection<User> users) {
        return users.stream().map(User::getId).toList();
    }

    @Test
    void membersSeeEachOtherAndTheFirstIsToldOfTheSecond() {
        String channel = unique("presence-");
        try (JavaClient alice = member("alice", "Alice")) {
            Recorder aliceEvents = new Recorder();
            PresenceChannel aliceChannel = alice.pusher().subscribePresence(channel, aliceEvents);
            aliceEvents.awaitSubscribed();
            assertThat(ids(aliceEvents.members())).containsExactly("alice");

            try (JavaClient bob = member("bob", "Bob")) {
                Recorder bobEvents = new Recorder();
                PresenceChannel bobChannel = bob.pusher().subscribePresence(channel, bobEvents);
                bobEvents.awaitSubscribed();

                User joined = aliceEvents.nextJoined();
                assertThat(joined.getId()).isEqualTo("bob");
                assertThat(joined.getInfo()).isEqualTo("{\"name\":\"Bob\"}");
                assertThat(ids(bobEvents.members())).containsExactlyInAnyOrder("alice", "bob");
                assertThat(bobChannel.getUsers()).extracting(User::getId, User::getInfo)
                        .containsExactlyInAnyOrder(tuple("alice", "{\"name\":\"Alice\"}"), tuple("bob", "{\"name\":\"Bob\"}"));
                assertThat(ids(aliceChannel.getUsers())).containsExactlyInAnyOrder("alice", "bob");
                bobEvents.expectNoJoin(QUIET);
            }
        }
    }

    @Test
    void theFirstIsToldWhenTheSecondDisconnects() {
        String channel = unique("presence-");
        try (JavaClient alice = member("alice", "Alice")) {
            Recorder aliceEvents = new Recorder();
            PresenceChannel aliceChannel = alice.pusher().subscribePresence(channel, aliceEvents);
            aliceEvents.awaitSubscribed();
            try (JavaClient bob = member("bob", "Bob")) {
                Recorder bobEvents = new Recorder();
                bob.pusher().subscribePresence(channel, bobEvents);
                bobEvents.awaitSubscribed();
                assertThat(aliceEvents.nextJoined().getId()).isEqualTo("bob");
            }

            User left = aliceEvents.nextLeft();
            assertThat(left.getId()).isEqualTo("bob");
            assertThat(ids(aliceChannel.getUsers())).containsExactly("alice");
        }
    }

    @Test
    void theFirstIsToldWhenTheSecondUnsubscribes() {
        String channel = unique("presence-");
        try (JavaClient alice = member("alice", "Alice"); JavaClient bob = member("bob", "Bob")) {
            Recorder aliceEvents = new Recorder();
            PresenceChannel aliceChannel = alice.pusher().subscribePresence(channel, aliceEvents);
            aliceEvents.awaitSubscribed();
            Recorder bobEvents = new Recorder();
            bob.pusher().subscribePresence(channel, bobEvents);
            bobEvents.awaitSubscribed();
            assertThat(aliceEvents.nextJoined().getId()).isEqualTo("bob");

            bob.pusher().unsubscribe(channel);

            assertThat(aliceEvents.nextLeft().getId()).isEqualTo("bob");
            assertThat(ids(aliceChannel.getUsers())).containsExactly("alice");
        }
    }

    @Test
    void meIsTheUserTheBackendAuthorized() {
        String channel = unique("presence-");
        try (JavaClient alice = member("alice", "Alice"); JavaClient bob = member("bob", "Bob")) {
            Recorder aliceEvents = new Recorder();
            PresenceChannel aliceChannel = alice.pusher().subscribePresence(channel, aliceEvents);
            aliceEvents.awaitSubscribed();
            Recorder bobEvents = new Recorder();
            PresenceChannel bobChannel = bob.pusher().subscribePresence(channel, bobEvents);
            bobEvents.awaitSubscribed();

            assertThat(aliceChannel.getMe().getId()).isEqualTo("alice");
            assertThat(aliceChannel.getMe().getInfo()).isEqualTo("{\"name\":\"Alice\"}");
            assertThat(bobChannel.getMe().getId()).isEqualTo("bob");
            assertThat(bobChannel.getMe().getInfo()).isEqualTo("{\"name\":\"Bob\"}");
        }
    }

    @Test
    void aSecondSocketOfAMemberIsNeitherAJoinNorItsClosingALeave() {
        String channel = unique("presence-");
        try (JavaClient alice = member("alice", "Alice"); JavaClient bob = member("bob", "Bob")) {
            Recorder aliceEvents = new Recorder();
            alice.pusher().subscribePresence(channel, aliceEvents);
            aliceEvents.awaitSubscribed();
            Recorder bobEvents = new Recorder();
            bob.pusher().subscribePresence(channel, bobEvents);
            bobEvents.awaitSubscribed();
            assertThat(aliceEvents.nextJoined().getId()).isEqualTo("bob");

            try (JavaClient bobAgain = member("bob", "Bob")) {
                Recorder againEvents = new Recorder();
                PresenceChannel againChannel = bobAgain.pusher().subscribePresence(channel, againEvents);
                againEvents.awaitSubscribed();
                assertThat(ids(againChannel.getUsers())).containsExactlyInAnyOrder("alice", "bob");
                aliceEvents.expectNoJoin(QUIET);
            }
            aliceEvents.expectNoLeave(QUIET);

            bob.close();
            assertThat(aliceEvents.nextLeft().getId()).isEqualTo("bob");
        }
    }

    @Test
    void numericUserIdsBecomeStrings() {
        String channel = unique("presence-");
        try (JavaClient ten = JavaClient.connect(url.getPort(), TestApps.DEMO,
                options -> options.setChannelAuthorizer(backend.presenceAsNumber(10, Map.of("name", "Ten"))));
                JavaClient eleven = JavaClient.connect(url.getPort(), TestApps.DEMO,
                        options -> options.setChannelAuthorizer(backend.presenceAsNumber(11, Map.of("name", "Eleven"))))) {
            Recorder tenEvents = new Recorder();
            PresenceChannel tenChannel = ten.pusher().subscribePresence(channel, tenEvents);
            tenEvents.awaitSubscribed();
            Recorder elevenEvents = new Recorder();
            PresenceChannel elevenChannel = eleven.pusher().subscribePresence(channel, elevenEvents);
            elevenEvents.awaitSubscribed();

            assertThat(tenEvents.nextJoined().getId()).isEqualTo("11");
            assertThat(tenChannel.getMe().getId()).isEqualTo("10");
            assertThat(ids(elevenChannel.getUsers())).containsExactlyInAnyOrder("10", "11");
            assertThat(elevenChannel.getMe().getInfo()).isEqualTo("{\"name\":\"Eleven\"}");
        }
    }
}
