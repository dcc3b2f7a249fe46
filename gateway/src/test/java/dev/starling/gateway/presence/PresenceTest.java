package dev.starling.gateway.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.starling.gateway.connection.ConnectionRegistry;
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
 * Presence channels over raw sockets: the member list in {@code subscription_succeeded} (the subscriber included),
 * {@code member_added} only for a user's first socket and never to the joiner, {@code member_removed} only when a
 * user's last socket leaves (unsubscribe or abrupt disconnect), channel_data validation, the member limit, and the
 * HTTP users query agreeing with all that.
 *
 * <p>Absence is asserted with a ping: frames a join or leave causes are sent while the server handles that join or
 * leave, so a pong asked for afterwards arrives after them.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class PresenceTest {

    private static final TestApp APP = TestApps.DEMO;

    @TestHTTPResource("/")
    URL url;

    @Inject
    ConnectionRegistry connections;

    @AfterEach
    void noLimitedConnectionsLeft() {
        // The LIMITED app allows 3 connections; the next test class must find them all free.
        await().atMost(WsClient.TIMEOUT).until(() -> connections.count(TestApps.LIMITED.id()) == 0);
    }

    @Test
    void membersAreListedIncludingTheSubscriberAndTheFirstGetsOneMemberAdded() {
        String channel = Names.unique("presence-");
        try (WsClient first = connect(APP); WsClient second = connect(APP)) {
            String firstId = first.socketId();
            first.send(Signing.subscribePresence(APP, firstId, channel, "a", "{\"name\":\"A\"}"));
            assertThat(first.next()).isEqualTo("{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\""
                    + channel + "\",\"data\":\"{\\\"presence\\\":{\\\"ids\\\":[\\\"a\\\"],\\\"hash\\\":{\\\"a\\\":"
                    + "{\\\"name\\\":\\\"A\\\"}},\\\"count\\\":1}}\"}");

            String secondId = second.socketId();
            second.send(Signing.subscribePresence(APP, secondId, channel, "b", "{\"name\":\"B\"}"));
            assertThat(second.next()).isEqualTo(Expected.presenceSucceeded(channel,
                    "{\"presence\":{\"ids\":[\"a\",\"b\"],\"hash\":{\"a\":{\"name\":\"A\"},\"b\":{\"name\":\"B\"}},\"count\":2}}"));
            assertThat(first.next()).isEqualTo(
                    "{\"event\":\"pusher_internal:member_added\",\"channel\":\"" + channel + "\",\"data\":"
                            + "\"{\\\"user_id\\\":\\\"b\\\",\\\"user_info\\\":{\\\"name\\\":\\\"B\\\"}}\"}");

            assertPongIsNext(first);
            assertPongIsNext(second);
        }
    }

    @Test
    void memberRemovedFollowsAnUnsubscribe() {
        String channel = Names.unique("presence-");
        try (WsClient stays = connect(APP); WsClient leaves = connect(APP)) {
            join(stays, APP, channel, "a");
            join(leaves, APP, channel, "b");
            assertThat(stays.next()).isEqualTo(Expected.memberAdded(channel, "b", "{\"n\":\"b\"}"));

            leaves.send(Signing.unsubscribe(channel));
            assertThat(stays.next()).isEqualTo("{\"event\":\"pusher_internal:member_removed\",\"channel\":\"" + channel
                    + "\",\"data\":\"{\\\"user_id\\\":\\\"b\\\"}\"}");
            assertPongIsNext(leaves);
        }
    }

    @Test
    void memberRemovedFollowsAnAbruptDisconnect() {
        String channel = Names.unique("presence-");
        try (WsClient stays = connect(APP); WsClient dropped = connect(APP)) {
            join(stays, APP, channel, "a");
            join(dropped, APP, channel, "b");
            assertThat(stays.next()).isEqualTo(Expected.memberAdded(channel, "b", "{\"n\":\"b\"}"));

            dropped.abort();
            assertThat(stays.next()).isEqualTo(Expected.memberRemoved(channel, "b"));
        }
    }

    @Test
    void aUserWithTwoSocketsIsAddedOnceAndRemovedWhenTheLastSocketLeaves() {
        String channel = Names.unique("presence-");
        try (WsClient watcher = connect(APP); WsClient socket1 = connect(APP); WsClient socket2 = connect(APP)) {
            join(watcher, APP, channel, "w");
            join(socket1, APP, channel, "u");
            assertThat(watcher.next()).isEqualTo(Expected.memberAdded(channel, "u", "{\"n\":\"u\"}"));

            String socket2Id = socket2.socketId();
            socket2.send(Signing.subscribePresence(APP, socket2Id, channel, "u", "{\"n\":\"u\"}"));
            assertThat(socket2.next()).isEqualTo(Expected.presenceSucceeded(channel,
                    "{\"presence\":{\"ids\":[\"w\",\"u\"],\"hash\":{\"w\":{\"n\":\"w\"},\"u\":{\"n\":\"u\"}},\"count\":2}}"));
            assertPongIsNext(watcher);
            assertPongIsNext(socket1);

            socket1.send(Signing.unsubscribe(channel));
            assertPongIsNext(socket1);
            assertPongIsNext(watcher);
            assertPongIsNext(socket2);
            assertThat(users(APP, channel)).isEqualTo("{\"users\":[{\"id\":\"w\"},{\"id\":\"u\"}]}");

            socket2.abort();
            assertThat(watcher.next()).isEqualTo(Expected.memberRemoved(channel, "u"));
            assertThat(users(APP, channel)).isEqualTo("{\"users\":[{\"id\":\"w\"}]}");
        }
    }

    @Test
    void aNumericUserIdBecomesItsDecimalText() {
        String channel = Names.unique("presence-");
        try (WsClient client = connect(APP)) {
            String socketId = client.socketId();
            String channelData = "{\"user_id\":10,\"user_info\":{\"name\":\"Mr. Channels\"}}";
            client.send(presenceSubscribe(APP, socketId, channel, channelData));
            assertThat(client.next()).isEqualTo(Expected.presenceSucceeded(channel,
                    "{\"presence\":{\"ids\":[\"10\"],\"hash\":{\"10\":{\"name\":\"Mr. Channels\"}},\"count\":1}}"));
            assertThat(users(APP, channel)).isEqualTo("{\"users\":[{\"id\":\"10\"}]}");
        }
    }

    @Test
    void aWrongSignatureIsAnAuthError() {
        String channel = Names.unique("presence-");
        try (WsClient client = connect(APP)) {
            String socketId = client.socketId();
            String signed = "{\"user_id\":\"a\"}";
            String sent = "{\"user_id\":\"admin\"}";
            client.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel + "\",\"auth\":"
                    + Expected.quote(Signing.presenceAuth(APP, socketId, channel, signed)) + ",\"channel_data\":"
                    + Expected.quote(sent) + "}}");
            assertThat(client.next()).isEqualTo(
                    Expected.subscriptionError(channel, "AuthError", "Invalid signature for " + channel, 401));
            assertThat(users(APP, channel)).isEqualTo("{\"users\":[]}");
        }
    }

    @Test
    void invalidChannelDataIsRefusedWithInvalidChannelData() {
        String channel = Names.unique("presence-");
        try (WsClient client = connect(APP)) {
            String socketId = client.socketId();
            client.send(presenceSubscribe(APP, socketId, channel, "{\"user_info\":{\"name\":\"nobody\"}}"));
            assertThat(client.next()).isEqualTo(Expected.subscriptionError(channel, "InvalidChannelData",
                    "channel_data needs a string or number 'user_id'", 400));

            client.send(presenceSubscribe(APP, socketId, channel, "{\"user_id\":\"\"}"));
            assertThat(client.next()).isEqualTo(Expected.subscriptionError(channel, "InvalidChannelData",
                    "channel_data 'user_id' is empty", 400));

            String bigInfo = "{\"p\":\"" + "x".repeat(1025 - 8) + "\"}";
            assertThat(bigInfo).hasSize(1025);
            client.send(presenceSubscribe(APP, socketId, channel, "{\"user_id\":\"a\",\"user_info\":" + bigInfo + "}"));
            assertThat(client.next()).isEqualTo(Expected.subscriptionError(channel, "InvalidChannelData",
                    "channel_data 'user_info' is larger than 1024 bytes", 400));

            client.send(presenceSubscribe(APP, socketId, channel, "{\"user_id\":\"" + "i".repeat(129) + "\"}"));
            assertThat(client.next()).isEqualTo(Expected.subscriptionError(channel, "InvalidChannelData",
                    "channel_data 'user_id' is longer than 128 characters", 400));

            String noChannelData = "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel + "\",\"auth\":"
                    + Expected.quote(Signing.channelAuth(APP, socketId, channel)) + "}}";
            client.send(noChannelData);
            assertThat(client.next()).isEqualTo(Expected.subscriptionError(channel, "InvalidChannelData",
                    "Presence channels need channel_data", 400));

            String longestId = "i".repeat(128);
            String fullInfo = "{\"p\":\"" + "x".repeat(1024 - 8) + "\"}";
            client.send(presenceSubscribe(APP, socketId, channel,
                    "{\"user_id\":\"" + longestId + "\",\"user_info\":" + fullInfo + "}"));
            assertThat(client.next()).as("128-character id and 1024-byte user_info are within the limits")
                    .isEqualTo(Expected.presenceSucceeded(channel, "{\"presence\":{\"ids\":[\"" + longestId
                            + "\"],\"hash\":{\"" + longestId + "\":" + fullInfo + "},\"count\":1}}"));
        }
    }

    @Test
    void overTheMemberLimitANewUserIsRefusedButAnotherSocketOfAMemberIsAccepted() {
        TestApp limited = TestApps.LIMITED;
        String channel = Names.unique("presence-");
        try (WsClient one = connect(limited); WsClient two = connect(limited); WsClient three = connect(limited)) {
            join(one, limited, channel, "u1");
            String twoId = two.socketId();
            two.send(Signing.subscribePresence(limited, twoId, channel, "u2", "{\"n\":\"u2\"}"));
            assertThat(two.nextJson().path("event").asText()).isEqualTo("pusher_internal:subscription_succeeded");
            assertThat(one.next()).isEqualTo(Expected.memberAdded(channel, "u2", "{\"n\":\"u2\"}"));

            String threeId = three.socketId();
            three.send(Signing.subscribePresence(limited, threeId, channel, "u3", "{\"n\":\"u3\"}"));
            assertThat(three.next()).isEqualTo(Expected.subscriptionError(channel, "LimitReached",
                    "Presence channel " + channel + " is full (2 members)", 403));
            assertPongIsNext(one);
            assertThat(users(limited, channel)).isEqualTo("{\"users\":[{\"id\":\"u1\"},{\"id\":\"u2\"}]}");

            three.send(Signing.subscribePresence(limited, threeId, channel, "u1", "{\"n\":\"u1\"}"));
            assertThat(three.next()).as("a second socket of a member is not a new member").isEqualTo(
                    Expected.presenceSucceeded(channel, "{\"presence\":{\"ids\":[\"u1\",\"u2\"],\"hash\":"
                            + "{\"u1\":{\"n\":\"u1\"},\"u2\":{\"n\":\"u2\"}},\"count\":2}}"));
            assertPongIsNext(one);
            assertPongIsNext(two);
            assertThat(users(limited, channel)).isEqualTo("{\"users\":[{\"id\":\"u1\"},{\"id\":\"u2\"}]}");

            // A member leaving frees its place for a new user.
            two.send(Signing.unsubscribe(channel));
            assertThat(one.next()).isEqualTo(Expected.memberRemoved(channel, "u2"));
            assertThat(three.next()).isEqualTo(Expected.memberRemoved(channel, "u2"));
            two.send(Signing.subscribePresence(limited, twoId, channel, "u3", "{\"n\":\"u3\"}"));
            assertThat(two.next()).isEqualTo(Expected.presenceSucceeded(channel, "{\"presence\":{\"ids\":[\"u1\",\"u3\"],"
                    + "\"hash\":{\"u1\":{\"n\":\"u1\"},\"u3\":{\"n\":\"u3\"}},\"count\":2}}"));
            assertThat(one.next()).isEqualTo(Expected.memberAdded(channel, "u3", "{\"n\":\"u3\"}"));
        }
    }

    @Test
    void theUsersQueryListsTheMembersInJoinOrder() {
        String channel = Names.unique("presence-");
        assertThat(users(APP, channel)).isEqualTo("{\"users\":[]}");
        try (WsClient a = connect(APP); WsClient b = connect(APP)) {
            join(a, APP, channel, "first");
            join(b, APP, channel, "second");
            assertThat(users(APP, channel)).isEqualTo("{\"users\":[{\"id\":\"first\"},{\"id\":\"second\"}]}");

            a.send(Signing.unsubscribe(channel));
            assertThat(b.next()).isEqualTo(Expected.memberRemoved(channel, "first"));
            assertThat(users(APP, channel)).isEqualTo("{\"users\":[{\"id\":\"second\"}]}");
        }
        HttpResponse<String> publicChannel = Api.get(url.getPort(), APP, "/channels/" + Names.unique("public-") + "/users",
                Map.of());
        assertThat(publicChannel.statusCode()).isEqualTo(400);
        assertThat(publicChannel.body()).isEqualTo("{\"error\":\"Users are only available for presence channels\",\"status\":400}");
    }

    private WsClient connect(TestApp app) {
        return WsClient.connect(url.getPort(), app.key());
    }

    /** Subscribes as {@code userId} with user_info {"n":userId}; asserts success and returns nothing else. */
    private static void join(WsClient client, TestApp app, String channel, String userId) {
        String socketId = client.socketId();
        client.send(Signing.subscribePresence(app, socketId, channel, userId, "{\"n\":\"" + userId + "\"}"));
        String frame = client.next();
        assertThat(frame).startsWith("{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"" + channel + "\"");
    }

    private static String presenceSubscribe(TestApp app, String socketId, String channel, String channelData) {
        return "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel + "\",\"auth\":"
                + Expected.quote(Signing.presenceAuth(app, socketId, channel, channelData)) + ",\"channel_data\":"
                + Expected.quote(channelData) + "}}";
    }

    private static void assertPongIsNext(WsClient client) {
        client.send(Expected.PING);
        assertThat(client.next()).isEqualTo(Expected.PONG);
    }

    private String users(TestApp app, String channel) {
        HttpResponse<String> response = Api.get(url.getPort(), app, "/channels/" + channel + "/users", Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
