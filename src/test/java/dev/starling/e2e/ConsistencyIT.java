package dev.starling.e2e;

import static dev.starling.e2e.ClusterFixture.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import dev.starling.testkit.SignedHttp;
import dev.starling.testkit.Signing;
import dev.starling.testkit.WsClient;

/**
 * A two-node cluster answers exactly as a single node does (issue 12): the same scripted session gives the same
 * transcript on both; the node that acknowledged a subscription counts it at once and the other converges; a
 * watched user goes offline only when their last connection anywhere closes.
 */
class ConsistencyIT {

    /** docs/cluster.md promises convergence well within this on a healthy cluster. */
    private static final Duration CONVERGENCE = Duration.ofSeconds(2);
    /** How long a watcher is observed for an event that must not come. */
    private static final Duration QUIET = Duration.ofMillis(300);

    private static ClusterFixture cluster;
    private static GatewayProcess single;

    @BeforeAll
    static void start() throws Exception {
        cluster = ClusterFixture.start(2);
        single = cluster.startSingleNode("single");
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theScriptedSessionReadsTheSameOnOneNodeAndOnTwo() {
        String prefix = unique("cmp-") + "-";
        List<String> oneNode = new ScriptedScenario(single.port(), single.port(), prefix, cluster.webhooks,
                "/single-hooks").run();
        List<String> twoNodes = new ScriptedScenario(cluster.gateway(0).port(), cluster.gateway(1).port(), prefix,
                cluster.webhooks, "/hooks").run();
        assertThat(String.join("\n", twoNodes)).isEqualTo(String.join("\n", oneNode));
        assertThat(oneNode).noneMatch(line -> line.contains(" also on "));
    }

    @Test
    void theNodeThatAcknowledgedASubscriptionCountsItAtOnceAndTheOtherConverges() {
        for (int round = 0; round < 20; round++) {
            int acking = round % 2;
            int other = 1 - acking;
            String channel = unique("ryw-");
            try (WsClient client = WsClient.connect(cluster.gateway(acking).port(), APP.key())) {
                client.socketId();
                client.send(Signing.subscribe(channel));
                client.nextEvent("pusher_internal:subscription_succeeded");

                assertThat(channelInfo(acking, channel)).isEqualTo("{\"occupied\":true,\"subscription_count\":1}");
                assertThat(get(acking, "/apps/app-id/channels", Map.of("filter_by_prefix", channel))
                        .path("channels").has(channel)).isTrue();
                assertThat(SignedHttp.post(cluster.gateway(acking).port(), APP, "/apps/app-id/events",
                        "{\"name\":\"e\",\"channel\":\"" + channel + "\",\"data\":\"x\",\"info\":\"subscription_count\"}")
                        .body()).isEqualTo("{\"channels\":{\"" + channel + "\":{\"subscription_count\":1}}}");
                await().atMost(CONVERGENCE).until(() -> channelInfo(other, channel)
                        .equals("{\"occupied\":true,\"subscription_count\":1}"));

                client.send(Signing.unsubscribe(channel));
                client.send("{\"event\":\"pusher:ping\",\"data\":{}}");
                client.nextEvent("pusher:pong"); // the unsubscribe before it has been processed
                assertThat(channelInfo(acking, channel)).isEqualTo("{\"occupied\":false,\"subscription_count\":0}");
                await().atMost(CONVERGENCE).until(() -> channelInfo(other, channel)
                        .equals("{\"occupied\":false,\"subscription_count\":0}"));
            }
        }
    }

    @Test
    void aUserIsOfflineOnlyWhenTheirLastConnectionAnywhereCloses() {
        // Nodes of the watcher, of the user's first and of their second connection; then which one closes first.
        int[][] placements = {{0, 0, 0}, {0, 0, 1}, {0, 1, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0}};
        for (int repeat = 0; repeat < 3; repeat++) {
            for (int[] nodes : placements) {
                for (boolean firstClosesFirst : new boolean[] {true, false}) {
                    watchTwoConnections(cluster.gateway(nodes[0]).port(), cluster.gateway(nodes[1]).port(),
                            cluster.gateway(nodes[2]).port(), firstClosesFirst);
                }
            }
        }
    }

    @Test
    void onOneNodeToo() {
        // Consecutive connections to one node land on different event loops.
        for (int repeat = 0; repeat < 6; repeat++) {
            watchTwoConnections(single.port(), single.port(), single.port(), repeat % 2 == 0);
        }
    }

    private static void watchTwoConnections(int watcherPort, int firstPort, int secondPort, boolean firstClosesFirst) {
        String user = unique("user-");
        String label = "watcher " + watcherPort + ", user on " + firstPort + " and " + secondPort
                + (firstClosesFirst ? ", first closes first" : ", second closes first");
        try (WsClient watcher = WsClient.connect(watcherPort, APP.key())) {
            String watcherId = watcher.socketId();
            watcher.send(Signing.signin(APP, watcherId, "{\"id\":\"" + unique("w-") + "\",\"watchlist\":[\"" + user
                    + "\"]}"));
            watcher.nextEvent("pusher:signin_success");
            assertThat(watchlist(watcher)).as(label).isEqualTo("offline " + user);

            WsClient first = signedIn(firstPort, user);
            assertThat(watchlist(watcher)).as(label).isEqualTo("online " + user);
            WsClient second = signedIn(secondPort, user);
            (firstClosesFirst ? first : second).close();
            watcher.expectNothing(QUIET);
            (firstClosesFirst ? second : first).close();
            assertThat(watchlist(watcher)).as(label).isEqualTo("offline " + user);
            watcher.expectNothing(QUIET);
        }
    }

    private static WsClient signedIn(int port, String user) {
        WsClient client = WsClient.connect(port, APP.key());
        String socketId = client.socketId();
        client.send(Signing.signin(APP, socketId, "{\"id\":\"" + user + "\"}"));
        client.nextEvent("pusher:signin_success");
        return client;
    }

    /** The next watchlist event, as {@code "online id"} / {@code "offline id"}. */
    private static String watchlist(WsClient watcher) {
        JsonNode data = watcher.nextEvent("pusher_internal:watchlist_events").path("data");
        List<String> parts = new ArrayList<>();
        for (JsonNode event : data.path("events")) {
            List<String> ids = new ArrayList<>();
            event.path("user_ids").forEach(id -> ids.add(id.asText()));
            parts.add(event.path("name").asText() + " " + String.join(",", ids));
        }
        return String.join(";", parts);
    }

    private static String channelInfo(int node, String channel) {
        return SignedHttp.get(cluster.gateway(node).port(), APP, "/apps/app-id/channels/" + channel,
                Map.of("info", "subscription_count")).body();
    }

    private static JsonNode get(int node, String path, Map<String, String> query) {
        return parse(SignedHttp.get(cluster.gateway(node).port(), APP, path, query).body());
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }
}
