package dev.starling.gateway.packaged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.starling.testkit.SignedHttp;
import dev.starling.testkit.Signing;
import dev.starling.gateway.support.TestApps;
import dev.starling.testkit.WsClient;

/**
 * The packaged application as a user runs it: it starts with the demo app and serves WebSocket clients and the HTTP
 * API, and it refuses to start on broken configuration with a message naming the key.
 */
class PackagedGatewayIT {

    @Test
    void quickstartServesTheDemoApp() throws Exception {
        try (PackagedGateway gateway = PackagedGateway.start()) {
            int port = gateway.port();
            try (WsClient client = WsClient.connect(port, TestApps.DEMO.key())) {
                client.socketId();
                client.send(Signing.subscribe("quickstart"));
                assertThat(client.next()).isEqualTo(
                        "{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"quickstart\",\"data\":\"{}\"}");
                HttpResponse<String> reply = SignedHttp.post(port, TestApps.DEMO, "/apps/app-id/events",
                        "{\"name\":\"hello\",\"channel\":\"quickstart\",\"data\":\"{\\\"x\\\":1}\"}");
                assertThat(reply.statusCode()).isEqualTo(200);
                assertThat(reply.body()).isEqualTo("{}");
                assertThat(client.nextEvent("hello").toString())
                        .isEqualTo("{\"event\":\"hello\",\"channel\":\"quickstart\",\"data\":\"{\\\"x\\\":1}\"}");
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    SignedHttp.get(port, TestApps.DEMO, "/apps/app-id/channels", Map.of()).body())
                    .isEqualTo("{\"channels\":{}}"));
        }
    }

    @Test
    void unknownConfigurationKeyStopsTheStart() throws Exception {
        try (PackagedGateway gateway = PackagedGateway.start("-Dstarling.gateway.limits.max-fram-bytes=1")) {
            assertThat(gateway.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(gateway.output()).contains("starling.gateway.limits.max-fram-bytes");
        }
    }

    @Test
    void malformedValueStopsTheStart() throws Exception {
        try (PackagedGateway gateway = PackagedGateway.start("-Dstarling.gateway.cluster.mode=carrier-pigeon")) {
            assertThat(gateway.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(gateway.output()).contains("starling.gateway.cluster.mode").contains("carrier-pigeon");
        }
    }

    @Test
    void brokenAppsFileStopsTheStartNamingTheField(@TempDir Path dir) throws Exception {
        Path apps = dir.resolve("apps.json");
        Files.writeString(apps, "{\"apps\":[{\"id\":\"1\",\"key\":\"k\",\"secret\":\"s\",\"clientEvent\":true}]}");
        try (PackagedGateway gateway = PackagedGateway.start("-Dstarling.gateway.apps.file=" + apps)) {
            assertThat(gateway.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(gateway.output()).contains("apps[0].clientEvent: unknown field");
        }
    }

    @Test
    void configuredAppWithoutSecretStopsTheStart() throws Exception {
        try (PackagedGateway gateway = PackagedGateway.start("-Dstarling.gateway.default-app.secret=")) {
            assertThat(gateway.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(gateway.output()).contains("starling.gateway.default-app.secret");
        }
    }

    @Test
    void sigtermDrainsEveryClientWith4200AtTheConfiguredRateAndExitsWithinTheBudget() throws Exception {
        List<WsClient> clients = new ArrayList<>();
        try (PackagedGateway gateway = PackagedGateway.start("-Dstarling.gateway.drain.grace=1s",
                "-Dstarling.gateway.drain.close-rate=100", "-Dstarling.gateway.drain.timeout=20s")) {
            int port = gateway.port();
            for (int i = 0; i < 50; i++) {
                WsClient client = WsClient.connect(port, TestApps.DEMO.key());
                client.socketId();
                clients.add(client);
            }
            long started = System.nanoTime();
            int exit = gateway.terminate(Duration.ofSeconds(30));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(exit).isIn(0, 143);
            assertThat(took).as("within the drain budget").isLessThan(Duration.ofSeconds(20));
            assertThat(took).as("1 s of grace, then 50 closes at 100/s").isGreaterThan(Duration.ofMillis(1400));
            for (WsClient client : clients) {
                assertThat(client.awaitClose().code()).isEqualTo(4200);
            }
            assertThat(gateway.output()).as(gateway.output()).contains("Draining: readiness down, 50 connection(s)");
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @Test
    void logsAreOneJsonObjectPerLineWhenAsked() throws Exception {
        try (PackagedGateway gateway = PackagedGateway.start("-Dstarling.gateway.log.format=json")) {
            gateway.port();
            String line = gateway.output().lines().filter(l -> l.contains("Serving 1 app(s)")).findFirst().orElseThrow();
            com.fasterxml.jackson.databind.JsonNode json = dev.starling.protocol.json.Json.MAPPER.readTree(line);
            assertThat(json.path("level").asText()).isEqualTo("INFO");
            assertThat(json.path("logger").asText()).isEqualTo("dev.starling.gateway.app.AppRegistry");
            assertThat(json.path("message").asText()).isEqualTo("Serving 1 app(s)");
            assertThat(json.path("timestamp").asText()).isNotBlank();
        }
    }
}
