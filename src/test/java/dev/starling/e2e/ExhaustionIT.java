package dev.starling.e2e;

import static dev.starling.e2e.ClusterFixture.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.protocol.json.Json;
import dev.starling.testkit.RawWebSocket;
import dev.starling.testkit.SignedHttp;

/**
 * A gateway started under {@code ulimit -n 1024} and offered 1,100 WebSockets (issue 14): it takes as many as its
 * derived limit allows (1024 minus 256 reserved = 768), refuses the rest at once with {@code pusher:error} 4100 and a
 * 4100 close, reports not ready (liveness and metrics keep answering), answers the HTTP API at once, never delivers a
 * publish later than {@code max-delivery-delay}, and takes connections again once enough have closed.
 */
class ExhaustionIT {

    private static final int OPEN_FILES = 1024;
    private static final int LIMIT = 768;
    private static final int OFFERED = 1_100;
    private static final long MAX_DELAY_MILLIS = 2_000;

    private static GatewayProcess gateway;

    @BeforeAll
    static void start() throws IOException {
        gateway = GatewayProcess.start("tight", List.of(
                "-Dstarling.gateway.limits.max-delivery-delay=" + MAX_DELAY_MILLIS + "ms"), OPEN_FILES);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        gateway.close();
    }

    @Test
    void aFullNodeRefusesClearlyKeepsItsManagementPortAndRecovers() throws Exception {
        assertThat(gateway.metric("starling_connections_limit")).isEqualTo(LIMIT);
        List<RawWebSocket> accepted = new ArrayList<>();
        int refused = 0;
        try {
            for (int i = 0; i < OFFERED; i++) {
                RawWebSocket socket = RawWebSocket.upgraded(gateway.port(), RawWebSocket.DEMO_PATH);
                String first = socket.readFrame().text();
                if (first.contains("pusher:connection_established")) {
                    accepted.add(socket);
                    continue;
                }
                assertThat(first).isEqualTo("{\"event\":\"pusher:error\",\"data\":{\"code\":4100,\"message\":"
                        + "\"This node is at its limit of " + LIMIT + " connections; retry later\"}}");
                RawWebSocket.Frame close = socket.readFrame();
                assertThat(close.opcode()).isEqualTo(8);
                assertThat(close.closeCode()).isEqualTo(4100);
                socket.sendClose(4100);
                assertThat(socket.in.read()).as("the refused socket is closed by the server").isEqualTo(-1);
                socket.close();
                refused++;
            }
            assertThat(accepted).hasSize(LIMIT);
            assertThat(refused).isEqualTo(OFFERED - LIMIT);
            assertThat(openFiles()).as("file descriptors in use").isLessThan(OPEN_FILES);

            assertThat(gateway.health("/q/health/ready")).isEqualTo(503);
            assertThat(gateway.health("/q/health/live")).isEqualTo(200);
            assertThat(gateway.metric("starling_connections_refused_total{code=\"4100\"}")).isEqualTo(refused);
            assertThat(gateway.metric("starling_connections")).isEqualTo(LIMIT);

            // The HTTP API still answers at once, and what it accepts is delivered within the bound or not at all.
            String channel = "full-node";
            RawWebSocket subscriber = accepted.getFirst();
            subscriber.sendText("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel + "\"}}");
            assertThat(subscriber.readFrame().text()).contains("pusher_internal:subscription_succeeded");
            for (int i = 0; i < 20; i++) {
                long sent = System.currentTimeMillis();
                HttpResponse<String> published = SignedHttp.post(gateway.port(), APP, "/apps/app-id/events",
                        "{\"name\":\"tick\",\"channel\":\"" + channel + "\",\"data\":\"" + sent + "\"}");
                assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
                JsonNode event = nextEvent(subscriber, "tick");
                long age = System.currentTimeMillis() - Long.parseLong(event.path("data").asText());
                assertThat(age).as("delivery delay in ms (bound %d)", MAX_DELAY_MILLIS).isLessThanOrEqualTo(MAX_DELAY_MILLIS);
            }
            assertThat(SignedHttp.get(gateway.port(), APP, "/apps/app-id/channels", Map.of()).statusCode()).isEqualTo(200);

            // Below 95 % of the limit the node is ready again and takes new connections.
            for (int i = 0; i < 50; i++) {
                accepted.removeLast().close();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.health("/q/health/ready") == 200);
            try (RawWebSocket again = RawWebSocket.open(gateway.port())) {
                assertThat(again).isNotNull();
            }
        } finally {
            for (RawWebSocket socket : accepted) {
                socket.close();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.metric("starling_connections") == 0);
    }

    private static JsonNode nextEvent(RawWebSocket socket, String event) throws IOException {
        while (true) {
            JsonNode frame = Json.MAPPER.readTree(socket.readFrame().text());
            if (event.equals(frame.path("event").asText())) {
                return frame;
            }
        }
    }

    private static long openFiles() throws IOException {
        try (var files = Files.list(Path.of("/proc/" + gateway.pid() + "/fd"))) {
            return files.count();
        }
    }
}
