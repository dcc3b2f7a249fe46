package dev.starling.gateway.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.starling.gateway.support.SignedHttp;
import dev.starling.gateway.support.Signing;
import dev.starling.gateway.support.TestApps;
import dev.starling.gateway.support.WsClient;

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
            HttpResponse<String> channels = SignedHttp.get(port, TestApps.DEMO, "/apps/app-id/channels", Map.of());
            assertThat(channels.body()).isEqualTo("{\"channels\":{}}");
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
}
