package dev.starling.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static dev.starling.gateway.support.Metrics.management;
import static dev.starling.gateway.support.Metrics.scrape;
import static dev.starling.gateway.support.Metrics.sum;
import static dev.starling.gateway.support.Metrics.value;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import dev.starling.testkit.SignedHttp;
import dev.starling.testkit.Signing;
import dev.starling.testkit.WsClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Prometheus metrics on the management port move as the traffic does, and the gauges come back to where they
 * were after a mass disconnect (abrupt or clean): nothing drifts under churn.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class MetricsTest {

    @TestHTTPResource("/")
    URL url;

    @Test
    void gaugesReturnToTheirStartAfterMassDisconnectsAndCountersMove() {
        double connections = value("starling_connections");
        double subscriptions = value("starling_subscriptions");
        double channels = value("starling_channels");
        double appConnections = value("starling_app_connections{app=\"app-id\"}");
        double opened = value("starling_connections_opened_total");
        double closed = sum("starling_connections_closed_total{");
        double deliveries = value("starling_deliveries_total");
        double apiOk = value("starling_api_requests_total{route=\"events\",status=\"200\"}");

        String run = UUID.randomUUID().toString().substring(0, 6);
        List<WsClient> clients = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            WsClient client = WsClient.connect(url.getPort(), TestApps.DEMO.key());
            String socketId = client.socketId();
            client.send(Signing.subscribe("metrics-" + run + "-" + (i % 10)));
            client.send(Signing.subscribePresence(TestApps.DEMO, socketId, "presence-metrics-" + run, "u" + (i % 30), null));
            if (i % 4 == 0) {
                client.send(Signing.signin(TestApps.DEMO, socketId, "{\"id\":\"m" + i + "\"}"));
            }
            clients.add(client);
        }
        clients.forEach(c -> c.nextEvent("pusher_internal:subscription_succeeded"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(value("starling_connections") - connections).isEqualTo(120);
            assertThat(value("starling_subscriptions") - subscriptions).isEqualTo(240);
            assertThat(value("starling_channels") - channels).isEqualTo(11);
            assertThat(value("starling_app_connections{app=\"app-id\"}") - appConnections).isEqualTo(120);
        });
        assertThat(value("starling_connections_opened_total") - opened).isEqualTo(120);

        assertThat(SignedHttp.post(url.getPort(), TestApps.DEMO, "/apps/app-id/events", "{\"name\":\"e\",\"channel\":"
                + "\"metrics-" + run + "-0\",\"data\":\"x\"}").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(value("starling_deliveries_total") - deliveries).isEqualTo(12);
            assertThat(value("starling_api_requests_total{route=\"events\",status=\"200\"}") - apiOk).isEqualTo(1);
        });

        // Half drop without a close frame, half close cleanly.
        for (int i = 0; i < clients.size(); i++) {
            if (i % 2 == 0) {
                clients.get(i).abort();
            } else {
                clients.get(i).close();
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(value("starling_connections")).isEqualTo(connections);
            assertThat(value("starling_subscriptions")).isEqualTo(subscriptions);
            assertThat(value("starling_channels")).isEqualTo(channels);
            assertThat(value("starling_app_connections{app=\"app-id\"}")).isEqualTo(appConnections);
        });
        assertThat(sum("starling_connections_closed_total{") - closed).as("every close counted, by code").isEqualTo(120);
        // The cluster-wide replica is empty again too: no channel of this run is occupied.
        assertThat(SignedHttp.get(url.getPort(), TestApps.DEMO, "/apps/app-id/channels",
                Map.of("filter_by_prefix", "presence-metrics-" + run)).body()).isEqualTo("{\"channels\":{}}");
    }

    @Test
    void everyDocumentedMetricIsExported() {
        String exported = scrape();
        for (String name : List.of("starling_connections ", "starling_subscriptions ", "starling_channels ",
                "starling_cluster_nodes ", "starling_connections_opened_total ", "starling_messages_received_total ",
                "starling_messages_sent_total ", "starling_received_bytes_total ", "starling_sent_bytes_total ",
                "starling_broadcasts_total ", "starling_deliveries_total ", "starling_slow_consumer_closes_total ",
                "starling_delivery_latency_seconds_bucket", "starling_webhooks_total{result=\"delivered\"}",
                "starling_webhooks_pending ")) {
            assertThat(exported).contains(name);
        }
    }

    @Test
    void readinessIsUpWithTheClusterCheck() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(management("/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"name\": \"cluster\"").contains("\"status\": \"UP\"")
                .contains("\"draining\": false");
    }
}
