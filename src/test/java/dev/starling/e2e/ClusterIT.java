package dev.starling.e2e;

import static dev.starling.e2e.ClusterFixture.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.protocol.json.Json;
import dev.starling.protocol.json.JsonText;
import dev.starling.testkit.SignedHttp;
import dev.starling.testkit.Signing;
import dev.starling.testkit.WsClient;

/**
 * Three gateway processes on one real Kafka broker: a client cannot tell which node it is on. Every test uses its own
 * channels, so they share the cluster.
 */
class ClusterIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static ClusterFixture cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = ClusterFixture.start(3);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private static int port(int node) {
        return cluster.gateway(node).port();
    }

    private static WsClient connect(int node) {
        return WsClient.connect(port(node), APP.key());
    }

    private static HttpResponse<String> publish(int node, String channel, String name, String data, String socketId) {
        String body = "{\"name\":" + JsonText.quote(name) + ",\"channel\":" + JsonText.quote(channel) + ",\"data\":"
                + JsonText.quote(data) + (socketId == null ? "" : ",\"socket_id\":" + JsonText.quote(socketId)) + "}";
        return SignedHttp.post(port(node), APP, "/apps/app-id/events", body);
    }

    private static JsonNode get(int node, String path, Map<String, String> query) {
        HttpResponse<String> response = SignedHttp.get(port(node), APP, path, query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static WsClient subscribed(int node, String channel) {
        WsClient client = connect(node);
        client.socketId();
        client.send(Signing.subscribe(channel));
        client.nextEvent("pusher_internal:subscription_succeeded");
        return client;
    }

    private static String presenceSubscribe(WsClient client, String socketId, String channel, String userId) {
        client.send(Signing.subscribePresence(APP, socketId, channel, userId, "{\"name\":\"" + userId + "\"}"));
        return client.nextEvent("pusher_internal:subscription_succeeded").path("data").asText();
    }

    @Test
    void eventsPublishedOnAnyNodeReachSubscribersOnEveryNodeInOneOrder() {
        String channel = unique("orders-");
        List<WsClient> subscribers = new ArrayList<>();
        try {
            for (int node = 0; node < 3; node++) {
                subscribers.add(subscribed(node, channel));
            }
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String data = "{\"n\":" + i + "}";
                sent.add(data);
                assertThat(publish(i % 3, channel, "tick", data, null).statusCode()).isEqualTo(200);
            }
            for (WsClient subscriber : subscribers) {
                List<String> received = new ArrayList<>();
                for (int i = 0; i < sent.size(); i++) {
                    received.add(subscriber.nextEvent("tick").path("data").asText());
                }
                assertThat(received).isEqualTo(sent);
            }
        } finally {
            subscribers.forEach(WsClient::close);
        }
    }

    @Test
    void oneUserOnTwoNodesIsOneMemberWithOneAddedAndOneRemoved() {
        String channel = unique("presence-room-");
        try (WsClient observer = connect(2); WsClient first = connect(0); WsClient second = connect(1)) {
            String observerId = observer.socketId();
            presenceSubscribe(observer, observerId, channel, "observer");
            presenceSubscribe(first, first.socketId(), channel, "alice");
            assertThat(observer.nextEvent("pusher_internal:member_added").path("data").asText())
                    .isEqualTo("{\"user_id\":\"alice\",\"user_info\":{\"name\":\"alice\"}}");
            String members = presenceSubscribe(second, second.socketId(), channel, "alice");
            assertThat(members).contains("\"count\":2");

            first.close();
            second.send("{\"event\":\"pusher:ping\",\"data\":{}}");
            second.nextEvent("pusher:pong");
            second.close();
            JsonNode removed = observer.nextEvent("pusher_internal:member_removed");
            assertThat(removed.path("data").asText()).isEqualTo("{\"user_id\":\"alice\"}");
            // Nothing else about alice: one added, one removed, seen by a socket on a third node.
            observer.send("{\"event\":\"pusher:ping\",\"data\":{}}");
            assertThat(observer.nextMatching(f -> !f.contains("subscription_count"))).contains("pusher:pong");

            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(hooks(channel, "member_added", "alice")).isEqualTo(1);
                assertThat(hooks(channel, "member_removed", "alice")).isEqualTo(1);
            });
        }
    }

    @Test
    void clientEventsCrossNodesAndAreNeverEchoed() {
        String channel = unique("private-chat-");
        try (WsClient sender = connect(0); WsClient receiver = connect(1)) {
            String senderId = sender.socketId();
            String receiverId = receiver.socketId();
            sender.send(Signing.subscribePrivate(APP, senderId, channel));
            sender.nextEvent("pusher_internal:subscription_succeeded");
            receiver.send(Signing.subscribePrivate(APP, receiverId, channel));
            receiver.nextEvent("pusher_internal:subscription_succeeded");
            sender.send(Signing.clientEvent(channel, "client-typing", "{\"who\":\"a\"}"));
            JsonNode got = receiver.nextEvent("client-typing");
            assertThat(got.path("data").asText()).isEqualTo("{\"who\":\"a\"}");
            sender.send("{\"event\":\"pusher:ping\",\"data\":{}}");
            assertThat(sender.nextMatching(f -> !f.contains("subscription_count"))).contains("pusher:pong");
        }
    }

    @Test
    void socketIdExclusionWorksAcrossNodes() {
        String channel = unique("news-");
        try (WsClient excluded = connect(0); WsClient other = subscribed(1, channel)) {
            String excludedId = excluded.socketId();
            excluded.send(Signing.subscribe(channel));
            excluded.nextEvent("pusher_internal:subscription_succeeded");
            publish(2, channel, "first", "1", excludedId);
            publish(2, channel, "second", "2", null);
            assertThat(other.nextEvent("first").path("data").asText()).isEqualTo("1");
            assertThat(excluded.nextMatching(f -> f.contains("\"second\"") || f.contains("\"first\""))).contains("second");
        }
    }

    @Test
    void everyNodeAnswersChannelQueriesTheSame() {
        String presence = unique("presence-q-");
        String plain = unique("q-");
        try (WsClient a = connect(0); WsClient b = connect(1); WsClient c = subscribed(2, plain);
                WsClient d = subscribed(0, plain)) {
            presenceSubscribe(a, a.socketId(), presence, "u1");
            presenceSubscribe(b, b.socketId(), presence, "u2");
            for (int node = 0; node < 3; node++) {
                int n = node;
                await().atMost(WAIT).untilAsserted(() -> {
                    JsonNode info = get(n, "/apps/app-id/channels/" + presence,
                            Map.of("info", "user_count,subscription_count"));
                    assertThat(info.toString()).isEqualTo("{\"occupied\":true,\"user_count\":2,\"subscription_count\":2}");
                    JsonNode users = get(n, "/apps/app-id/channels/" + presence + "/users", Map.of());
                    assertThat(users.toString()).isEqualTo("{\"users\":[{\"id\":\"u1\"},{\"id\":\"u2\"}]}");
                    JsonNode counts = get(n, "/apps/app-id/channels/" + plain, Map.of("info", "subscription_count"));
                    assertThat(counts.toString()).isEqualTo("{\"occupied\":true,\"subscription_count\":2}");
                });
            }
        }
    }

    @Test
    void terminateOnOneNodeClosesTheUsersSocketsOnEveryNode() {
        String user = unique("user-");
        String userData = "{\"id\":\"" + user + "\"}";
        try (WsClient a = connect(0); WsClient b = connect(1); WsClient bystander = connect(1)) {
            a.send(Signing.signin(APP, a.socketId(), userData));
            a.nextEvent("pusher:signin_success");
            b.send(Signing.signin(APP, b.socketId(), userData));
            b.nextEvent("pusher:signin_success");
            bystander.socketId();
            await().atMost(WAIT).until(() -> {
                HttpResponse<String> r = SignedHttp.post(port(2), APP, "/apps/app-id/users/" + user
                        + "/terminate_connections", "");
                return r.statusCode() == 200 && r.body().equals("{}");
            });
            assertThat(a.awaitClose().code()).isEqualTo(4009);
            assertThat(b.awaitClose().code()).isEqualTo(4009);
            bystander.send("{\"event\":\"pusher:ping\",\"data\":{}}");
            assertThat(bystander.nextEvent("pusher:pong")).isNotNull();
        }
    }

    @Test
    void serverToUserEventsReachTheUsersSocketsOnEveryNode() {
        String user = unique("u-");
        String userData = "{\"id\":\"" + user + "\"}";
        try (WsClient a = connect(0); WsClient b = connect(2)) {
            a.send(Signing.signin(APP, a.socketId(), userData));
            a.nextEvent("pusher:signin_success");
            b.send(Signing.signin(APP, b.socketId(), userData));
            b.nextEvent("pusher:signin_success");
            publish(1, "#server-to-user-" + user, "notice", "hello", null);
            assertThat(a.nextEvent("notice").path("data").asText()).isEqualTo("hello");
            assertThat(b.nextEvent("notice").path("data").asText()).isEqualTo("hello");
        }
    }

    /**
     * A watcher on one node follows a user whose sockets are on two other nodes: online once when the first socket
     * signs in, offline once when the last one is gone, nothing in between.
     */
    @Test
    void watchlistEventsFollowAUserAcrossNodes() {
        String user = unique("watched-");
        String userData = "{\"id\":\"" + user + "\"}";
        String watcherData = "{\"id\":\"" + unique("watcher-") + "\",\"watchlist\":[\"" + user + "\"]}";
        try (WsClient watcher = connect(0)) {
            watcher.send(Signing.signin(APP, watcher.socketId(), watcherData));
            watcher.nextEvent("pusher:signin_success");
            assertThat(watchlistEvents(watcher)).isEqualTo("[{\"name\":\"offline\",\"user_ids\":[\"" + user + "\"]}]");

            try (WsClient first = connect(1); WsClient second = connect(2)) {
                first.send(Signing.signin(APP, first.socketId(), userData));
                first.nextEvent("pusher:signin_success");
                assertThat(watchlistEvents(watcher)).isEqualTo("[{\"name\":\"online\",\"user_ids\":[\"" + user + "\"]}]");

                second.send(Signing.signin(APP, second.socketId(), userData));
                second.nextEvent("pusher:signin_success");
                // A second socket of an online user is no event. (signin_success goes out before the sign-in has
                // gone round the bus; the second also gives it time to, before the first socket leaves.)
                watcher.expectNothing(Duration.ofSeconds(1));
                first.close();
                // Still online through the second socket: no event.
                watcher.expectNothing(Duration.ofSeconds(2));

                second.close();
                assertThat(watchlistEvents(watcher)).isEqualTo("[{\"name\":\"offline\",\"user_ids\":[\"" + user + "\"]}]");
            }
        }
    }

    private static String watchlistEvents(WsClient watcher) {
        return watcher.nextEvent("pusher_internal:watchlist_events").path("data").path("events").toString();
    }

    @Test
    void occupiedAndVacatedAreReportedOncePerClusterTransition() {
        String channel = unique("hooked-");
        try (WsClient a = subscribed(0, channel); WsClient b = subscribed(1, channel); WsClient c = subscribed(2, channel)) {
            await().atMost(WAIT).until(() -> hooks(channel, "channel_occupied", null) == 1);
        }
        await().atMost(WAIT).until(() -> hooks(channel, "channel_vacated", null) == 1);
        assertThat(hooks(channel, "channel_occupied", null)).isEqualTo(1);
        assertThat(cluster.webhooks.received()).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
    }

    @Test
    void aCacheChannelsLastEventReachesNewSubscribersOnOtherNodes() {
        String channel = unique("cache-prices-");
        assertThat(publish(0, channel, "price", "{\"eur\":1}", null).statusCode()).isEqualTo(200);
        await().atMost(WAIT).untilAsserted(() -> {
            try (WsClient late = connect(2)) {
                late.socketId();
                late.send(Signing.subscribe(channel));
                late.nextEvent("pusher_internal:subscription_succeeded");
                String next = late.nextMatching(f -> !f.contains("subscription_count"));
                assertThat(next).isEqualTo("{\"event\":\"price\",\"channel\":\"" + channel
                        + "\",\"data\":\"{\\\"eur\\\":1}\"}");
            }
        });
    }

    @Test
    void aNodeStartedLaterSeesTheExistingMembers() throws Exception {
        String channel = unique("presence-late-");
        try (WsClient a = connect(0); WsClient b = connect(1)) {
            presenceSubscribe(a, a.socketId(), channel, "early-1");
            presenceSubscribe(b, b.socketId(), channel, "early-2");
            GatewayProcess late = cluster.startGateway("gw-late");
            try (WsClient newcomer = WsClient.connect(late.port(), APP.key())) {
                String members = presenceSubscribe(newcomer, newcomer.socketId(), channel, "late");
                assertThat(members).isEqualTo("{\"presence\":{\"ids\":[\"early-1\",\"early-2\",\"late\"],\"hash\":{"
                        + "\"early-1\":{\"name\":\"early-1\"},\"early-2\":{\"name\":\"early-2\"},\"late\":{\"name\":\"late\"}},"
                        + "\"count\":3}}");
                JsonNode users = get(cluster.gateways.size() - 1, "/apps/app-id/channels/" + channel + "/users", Map.of());
                assertThat(users.path("users").size()).isEqualTo(3);
            }
        }
    }

    private static long hooks(String channel, String name, String userId) {
        return cluster.webhooks.events("/hooks", channel).stream()
                .filter(e -> e.path("name").asText().equals(name))
                .filter(e -> userId == null || userId.equals(e.path("user_id").asText()))
                .count();
    }
}
