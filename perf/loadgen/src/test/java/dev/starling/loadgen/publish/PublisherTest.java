package dev.starling.loadgen.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.loadgen.report.Json;
import dev.starling.protocol.auth.ApiSignature;
import dev.starling.protocol.auth.Hmac;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/** The publisher against a local HTTP endpoint that checks every request the way a Pusher server does. */
class PublisherTest {

    private final Vertx vertx = Vertx.vertx();
    private final ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private int server() throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            Map<String, String> query = new HashMap<>();
            request.params().forEach(e -> query.put(e.getKey(), e.getValue()));
            boolean signed = ApiSignature.verify("app-secret", "POST", request.path(), query)
                    && Hmac.md5Hex(body.getBytes()).equals(query.get("body_md5"))
                    && "app-key".equals(query.get("auth_key")) && "/apps/app-id/events".equals(request.path());
            if (signed) {
                accepted.add(body.toString());
                request.response().end("{}");
            } else {
                refused.add(request.uri());
                request.response().setStatusCode(401).end("{}");
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    @Test
    void publishesSignedEventsRoundRobinOverChannels() throws Exception {
        int port = server();
        Publisher publisher = new Publisher(vertx, new PublisherSpec("127.0.0.1", List.of(port), "app-id", "app-key",
                "app-secret", "lg-event", 120, 4, List.of("lg-0", "lg-1"), 5_000));
        PublishReport report = publisher.run(1, 500, 40).get(30, TimeUnit.SECONDS);
        publisher.close();

        assertThat(refused).isEmpty();
        assertThat(report.failed()).isZero();
        assertThat(report.ok()).isPositive().isEqualTo(report.attempted()).isEqualTo(accepted.size());
        assertThat(Math.abs(report.okPerChannel()[0] - report.okPerChannel()[1])).isLessThanOrEqualTo(1);
        assertThat(report.http().count()).isEqualTo(report.ok());
        JsonNode first = Json.MAPPER.readTree(accepted.peek());
        assertThat(first.get("name").asText()).isEqualTo("lg-event");
        assertThat(first.get("channel").asText()).isIn("lg-0", "lg-1");
        assertThat(first.get("data").asText()).hasSize(120);
        JsonNode data = Json.MAPPER.readTree(first.get("data").asText());
        assertThat(data.get("lg_p").asInt()).isEqualTo(1);
        assertThat(data.get("lg_t").asLong()).isPositive();
    }

    @Test
    void countsRefusedPublishesByStatus() throws Exception {
        int port = server();
        Publisher publisher = new Publisher(vertx, new PublisherSpec("127.0.0.1", List.of(port), "app-id", "app-key",
                "wrong-secret", "lg-event", 100, 2, List.of("lg-0"), 5_000));
        PublishReport report = publisher.run(1, 200, 20).get(30, TimeUnit.SECONDS);
        publisher.close();

        assertThat(report.ok()).isZero();
        assertThat(report.failed()).isPositive();
        assertThat(report.failures()).containsOnlyKeys("HTTP 401");
    }
}
