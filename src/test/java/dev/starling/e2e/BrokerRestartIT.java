package dev.starling.e2e;

import static dev.starling.e2e.ClusterFixture.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.starling.protocol.json.JsonText;
import dev.starling.testkit.SignedHttp;
import dev.starling.testkit.Signing;
import dev.starling.testkit.WsClient;

/**
 * Kafka going away and coming back: publishes fail explicitly (503 with a JSON body) while it is gone, connections
 * stay open, and delivery resumes by itself afterwards with nothing lost that was acknowledged and nothing twice.
 */
class BrokerRestartIT {

    private static ClusterFixture cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = ClusterFixture.start(2);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    private static HttpResponse<String> publish(int node, String channel, int n) {
        return SignedHttp.post(cluster.gateway(node).port(), APP, "/apps/app-id/events", "{\"name\":\"n\",\"channel\":"
                + JsonText.quote(channel) + ",\"data\":\"" + n + "\"}");
    }

    @Test
    void publishesFailWith503DuringTheOutageAndDeliveryResumesWithoutDuplicates() throws Exception {
        String channel = "outage";
        try (WsClient a = WsClient.connect(cluster.gateway(0).port(), APP.key());
                WsClient b = WsClient.connect(cluster.gateway(1).port(), APP.key())) {
            for (WsClient client : List.of(a, b)) {
                client.socketId();
                client.send(Signing.subscribe(channel));
                client.nextEvent("pusher_internal:subscription_succeeded");
            }
            List<Integer> acknowledged = new ArrayList<>();
            for (int n = 0; n < 10; n++) {
                assertThat(publish(n % 2, channel, n).statusCode()).isEqualTo(200);
                acknowledged.add(n);
            }

            cluster.kafka.kill();
            await().atMost(Duration.ofSeconds(30)).until(() -> publish(0, channel, -1).statusCode() == 503);
            HttpResponse<String> refused = publish(1, channel, -2);
            await().atMost(Duration.ofSeconds(30)).until(() -> publish(1, channel, -3).statusCode() == 503);
            HttpResponse<String> explicit = publish(1, channel, -4);
            assertThat(explicit.statusCode()).isEqualTo(503);
            assertThat(explicit.body()).startsWith("{\"error\":").contains("\"status\":503");
            assertThat(a.isClosed()).isFalse();
            assertThat(b.isClosed()).isFalse();
            if (refused.statusCode() == 200) {
                acknowledged.add(-2); // accepted before this node noticed: it must then be delivered
            }

            cluster.kafka.startAgain();
            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.gateways.stream()
                    .allMatch(g -> g.health("/q/health/ready") == 200));
            for (int n = 10; n < 20; n++) {
                int node = n % 2;
                int value = n;
                await().atMost(Duration.ofSeconds(30)).until(() -> publish(node, channel, value).statusCode() == 200);
                acknowledged.add(n);
            }

            for (WsClient client : List.of(a, b)) {
                List<Integer> received = new ArrayList<>();
                while (received.isEmpty() || received.getLast() != 19) {
                    received.add(Integer.parseInt(client.nextEvent("n").path("data").asText()));
                }
                assertThat(received).as("every acknowledged event once, in order").doesNotHaveDuplicates()
                        .containsAll(acknowledged.stream().filter(n -> n >= 0).toList());
                assertThat(received.stream().filter(n -> n >= 0).toList()).isSorted();
            }
        }
    }
}
