package dev.starling.e2e;

import static dev.starling.e2e.ClusterFixture.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.starling.testkit.SignedHttp;
import dev.starling.testkit.Signing;
import dev.starling.testkit.WsClient;

/**
 * Nodes that go away: one killed with SIGKILL has its members removed everywhere within the lease, with the usual
 * events and webhooks once; one stopped with SIGTERM drains — every client is told 4200, its members leave once,
 * the process exits within its budget. Each test gets a cluster of its own.
 */
class NodeFailureIT {

    private ClusterFixture cluster;

    @BeforeEach
    void startCluster() throws Exception {
        cluster = ClusterFixture.start(3);
    }

    @AfterEach
    void stopCluster() throws Exception {
        cluster.close();
    }

    private WsClient member(int node, String channel, String userId) {
        WsClient client = WsClient.connect(cluster.gateway(node).port(), APP.key());
        String socketId = client.socketId();
        client.send(Signing.subscribePresence(APP, socketId, channel, userId, null));
        client.nextEvent("pusher_internal:subscription_succeeded");
        return client;
    }

    private long hooks(String channel, String name, String userId) {
        return cluster.webhooks.events("/hooks", channel).stream().filter(e -> e.path("name").asText().equals(name))
                .filter(e -> userId.equals(e.path("user_id").asText())).count();
    }

    @Test
    void membersOfAKilledNodeAreRemovedEverywhereWithinTheLease() throws Exception {
        String channel = "presence-crash";
        try (WsClient survivorA = member(0, channel, "stays-a"); WsClient survivorB = member(2, channel, "stays-b")) {
            WsClient doomed1 = member(1, channel, "doomed-1");
            WsClient doomed2 = member(1, channel, "doomed-2");
            await().atMost(Duration.ofSeconds(20)).until(() -> hooks(channel, "member_added", "doomed-2") == 1);

            long killedAt = System.nanoTime();
            cluster.gateway(1).kill();
            for (WsClient survivor : List.of(survivorA, survivorB)) {
                List<String> removed = new ArrayList<>();
                removed.add(survivor.nextEvent("pusher_internal:member_removed").path("data").asText());
                removed.add(survivor.nextEvent("pusher_internal:member_removed").path("data").asText());
                assertThat(removed).containsExactlyInAnyOrder("{\"user_id\":\"doomed-1\"}", "{\"user_id\":\"doomed-2\"}");
            }
            Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
            assertThat(took).as("members of a killed node removed within the lease (+ one heartbeat)")
                    .isLessThan(ClusterFixture.LEASE.plusSeconds(5));
            for (int node : new int[] {0, 2}) {
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(SignedHttp.get(
                        cluster.gateway(node).port(), APP, "/apps/app-id/channels/" + channel + "/users", Map.of()).body())
                        .isEqualTo("{\"users\":[{\"id\":\"stays-a\"},{\"id\":\"stays-b\"}]}"));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> hooks(channel, "member_removed", "doomed-1") == 1
                    && hooks(channel, "member_removed", "doomed-2") == 1);
            doomed1.abort();
            doomed2.abort();
        }
        // Exactly once, even though two nodes were alive to notice.
        assertThat(hooks(channel, "member_removed", "doomed-1")).isEqualTo(1);
    }

    @Test
    void aNodeStoppedWithSigtermDrainsItsClientsWith4200AndLeavesTheClusterClean() throws Exception {
        String channel = "presence-drain";
        try (WsClient observer = member(0, channel, "observer")) {
            List<WsClient> leaving = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                leaving.add(member(1, channel, "leaving-" + i));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> hooks(channel, "member_added", "leaving-19") == 1);

            long started = System.nanoTime();
            int exit = cluster.gateway(1).process().terminate(Duration.ofSeconds(30));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(exit).as("a JVM stopped by SIGTERM exits with 143 once its shutdown work is done").isIn(0, 143);
            assertThat(took).as("exits within the drain budget").isLessThan(Duration.ofSeconds(20));
            for (WsClient client : leaving) {
                WsClient.Closed closed = client.awaitClose();
                assertThat(closed.code()).as("every client is told to reconnect now").isEqualTo(4200);
            }
            for (int i = 0; i < 20; i++) {
                observer.nextEvent("pusher_internal:member_removed");
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (int i = 0; i < 20; i++) {
                    assertThat(hooks(channel, "member_removed", "leaving-" + i)).isEqualTo(1);
                }
            });
            HttpResponse<String> users = SignedHttp.get(cluster.gateway(2).port(), APP, "/apps/app-id/channels/" + channel
                    + "/users", Map.of());
            assertThat(users.body()).isEqualTo("{\"users\":[{\"id\":\"observer\"}]}");
        }
    }
}
