package dev.starling.e2e;

import static dev.starling.e2e.ClusterFixture.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.protocol.json.Json;
import dev.starling.protocol.json.JsonText;
import dev.starling.testkit.EmbeddedPostgresServer;
import dev.starling.testkit.HistoryServiceCommand;
import dev.starling.testkit.SignedHttp;
import dev.starling.testkit.WsClient;

/**
 * Protocol 2 across a cluster with durable history (issue 10): two gateways, a real Kafka broker, real PostgreSQL and
 * history-service. The gateways keep only 20 messages per channel in memory, so resumes and rewinds further back are
 * served from history-service. The tests that stop history-service and PostgreSQL run last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HistoryIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ClusterFixture cluster;
    private static EmbeddedPostgresServer postgres;
    private static HistoryServiceProcess history;

    @BeforeAll
    static void start() throws Exception {
        cluster = ClusterFixture.withBroker();
        postgres = EmbeddedPostgresServer.start();
        history = new HistoryServiceProcess(HistoryServiceCommand.Backends.of(cluster.kafka.bootstrapServers(), postgres,
                EmbeddedPostgresServer.DATABASE), List.of(
                "-Dstarling.history.kafka.topic-prefix=" + cluster.topicPrefix())).start();
        cluster.startGateways(2, List.of(
                "-Dstarling.gateway.history.service-url=" + history.url(),
                "-Dstarling.gateway.history.messages=20",
                "-Dstarling.gateway.history.catch-up-wait=10s"));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            cluster.close();
        } finally {
            history.close();
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void aClientThatMoves200EventsAcrossNodesWithAResumeGetsEachOnceInOrder() {
        resumeAcrossNodes(false);
    }

    @Test
    @Order(2)
    void aRewindOf100WhilePublishesContinueIsContiguousWithTheLiveStream() throws Exception {
        String channel = unique("rewind-");
        for (int i = 0; i < 150; i++) {
            publish(i % 2, channel, i);
        }
        AtomicInteger next = new AtomicInteger(150);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread publisher = new Thread(() -> {
            while (running.get()) {
                publish(next.get() % 2, channel, next.getAndIncrement());
                sleep(20); // a steady 50 per second
            }
        });
        publisher.start();
        try (WsClient client = WsClient.connectV2(cluster.gateway(1).port(), APP.key())) {
            client.socketId();
            client.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel
                    + "\",\"rewind\":{\"count\":100}}}");
            List<Integer> numbers = new ArrayList<>();
            long lastSerial = -1;
            JsonNode complete = null;
            while (complete == null || numbers.size() < 130) {
                JsonNode frame = parse(client.next());
                switch (frame.path("event").asText()) {
                    case "n" -> {
                        assertThat(frame.get("serial").asLong()).isGreaterThan(lastSerial);
                        lastSerial = frame.get("serial").asLong();
                        numbers.add(Integer.parseInt(frame.get("data").asText()));
                    }
                    case "starling:rewind_complete" -> {
                        complete = frame.get("data");
                        assertThat(numbers).as("rewound").hasSize(100);
                        assertThat(complete.get("count").asInt()).isEqualTo(100);
                        assertThat(complete.get("truncated").asBoolean()).isFalse();
                        assertThat(complete.get("serial").asLong()).isEqualTo(lastSerial);
                    }
                    default -> {
                    }
                }
            }
            for (int i = 1; i < numbers.size(); i++) {
                assertThat(numbers.get(i)).as("contiguous: %s", numbers).isEqualTo(numbers.get(i - 1) + 1);
            }
        } finally {
            running.set(false);
            publisher.join();
        }
    }

    @Test
    @Order(3)
    void theHistoryOfAChannelPagedBy10ReturnsEveryRetainedMessageOnce() {
        String channel = unique("paged-");
        for (int i = 0; i < 35; i++) {
            publish(i % 2, channel, i);
        }
        awaitHistory(channel, 35);
        List<Integer> forwards = page(0, channel, "forwards");
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            expected.add(i);
        }
        assertThat(forwards).isEqualTo(expected);
        assertThat(page(1, channel, "backwards")).isEqualTo(expected.reversed());
    }

    @Test
    @Order(4)
    void theSameResumeWorksWhenHistoryServiceWasKilledAndRestartedBetweenTheHalves() {
        resumeAcrossNodes(true);
    }

    @Test
    @Order(5)
    void withHistoryServiceAndPostgresDownLiveDeliveryGoesOnAndAfterwardsHistoryIsCompleteWithoutDuplicates()
            throws Exception {
        String channel = unique("outage-");
        try (WsClient live = WsClient.connectV2(cluster.gateway(0).port(), APP.key())) {
            String streamId = subscribe(live, channel, "").get("stream_id").asText();
            for (int i = 0; i < 30; i++) {
                publish(i % 2, channel, i);
            }
            awaitHistory(channel, 30);
            history.kill();
            postgres.stop();
            for (int i = 30; i < 60; i++) {
                publish(i % 2, channel, i);
            }
            List<Long> serials = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                JsonNode event = live.nextEvent("n");
                assertThat(event.get("data").asText()).isEqualTo(Integer.toString(i));
                serials.add(event.get("serial").asLong());
            }

            HttpResponse<String> unavailable = historyApi(0, channel, Map.of());
            assertThat(unavailable.statusCode()).isEqualTo(503);
            assertThat(parse(unavailable.body()).get("status").asInt()).isEqualTo(503);
            try (WsClient behind = WsClient.connectV2(cluster.gateway(1).port(), APP.key())) {
                subscribe(behind, channel, resume(streamId, serials.get(5)));
                assertThat(behind.nextEvent("starling:resume_failed").at("/data/code").asText())
                        .isEqualTo("unavailable");
            }

            postgres.startAgain();
            history.start();
            awaitHistory(channel, 60);
            Set<Long> unique = new HashSet<>();
            List<Integer> all = page(0, channel, "forwards", unique);
            assertThat(all).hasSize(60);
            assertThat(unique).containsExactlyInAnyOrderElementsOf(serials);
            try (WsClient behind = WsClient.connectV2(cluster.gateway(1).port(), APP.key())) {
                subscribe(behind, channel, resume(streamId, serials.get(5)));
                for (int i = 6; i < 60; i++) {
                    assertThat(behind.nextEvent("n").get("data").asText()).isEqualTo(Integer.toString(i));
                }
                assertThat(behind.nextEvent("starling:resume_success").at("/data/replayed").asInt()).isEqualTo(54);
            }
        }
    }

    /** 100 of 200 events on node 0, a disconnect, the rest published, a resume on node 1: exactly 200, in order. */
    private static void resumeAcrossNodes(boolean restartHistoryService) {
        String channel = unique("moving-");
        String streamId;
        long last;
        List<Integer> received = new ArrayList<>();
        try (WsClient first = WsClient.connectV2(cluster.gateway(0).port(), APP.key())) {
            streamId = subscribe(first, channel, "").get("stream_id").asText();
            for (int i = 0; i < 100; i++) {
                publish(i % 2, channel, i);
            }
            JsonNode event = null;
            for (int i = 0; i < 100; i++) {
                event = first.nextEvent("n");
                received.add(Integer.parseInt(event.get("data").asText()));
            }
            last = event.get("serial").asLong();
        }
        try {
            if (restartHistoryService) {
                history.kill();
            }
            for (int i = 100; i < 200; i++) {
                publish(i % 2, channel, i);
            }
            if (restartHistoryService) {
                history.start();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        try (WsClient again = WsClient.connectV2(cluster.gateway(1).port(), APP.key())) {
            subscribe(again, channel, resume(streamId, last));
            long previous = last;
            while (true) {
                JsonNode frame = parse(again.next());
                String event = frame.path("event").asText();
                if (event.equals("n")) {
                    assertThat(frame.get("serial").asLong()).isGreaterThan(previous);
                    previous = frame.get("serial").asLong();
                    received.add(Integer.parseInt(frame.get("data").asText()));
                } else if (event.equals("starling:resume_success")) {
                    assertThat(frame.at("/data/replayed").asInt()).isEqualTo(100);
                    break;
                } else {
                    assertThat(event).as(frame.toString()).startsWith("pusher_internal:");
                }
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expected.add(i);
        }
        assertThat(received).isEqualTo(expected);
    }

    private static String resume(String streamId, long serial) {
        return ",\"resume\":{\"stream_id\":" + JsonText.quote(streamId) + ",\"serial\":" + serial + "}";
    }

    private static JsonNode subscribe(WsClient client, String channel, String extra) {
        client.socketId();
        client.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel + "\"" + extra + "}}");
        return client.nextEvent("pusher_internal:subscription_succeeded");
    }

    /** Waits until history-service has written {@code count} messages of the channel. */
    private static void awaitHistory(String channel, int count) {
        await().atMost(WAIT).until(() -> {
            HttpResponse<String> response = historyApi(0, channel, Map.of("limit", "1000"));
            return response.statusCode() == 200 && parse(response.body()).get("items").size() == count;
        });
    }

    private static List<Integer> page(int node, String channel, String direction) {
        return page(node, channel, direction, new HashSet<>());
    }

    /** Every message of the channel through pages of 10, in {@code direction}; their serials into {@code serials}. */
    private static List<Integer> page(int node, String channel, String direction, Set<Long> serials) {
        List<Integer> numbers = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = new HashMap<>(Map.of("limit", "10", "direction", direction));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            HttpResponse<String> response = historyApi(node, channel, query);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode page = parse(response.body());
            for (JsonNode item : page.get("items")) {
                numbers.add(Integer.parseInt(item.get("data").asText()));
                assertThat(serials.add(item.get("serial").asLong())).as("each serial once").isTrue();
            }
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null && ++pages < 100);
        return numbers;
    }

    private static HttpResponse<String> historyApi(int node, String channel, Map<String, String> query) {
        return SignedHttp.get(cluster.gateway(node).port(), APP, "/apps/app-id/channels/" + channel + "/history",
                query);
    }

    private static void publish(int node, String channel, int number) {
        HttpResponse<String> response = SignedHttp.post(cluster.gateway(node).port(), APP, "/apps/app-id/events",
                "{\"name\":\"n\",\"channel\":" + JsonText.quote(channel) + ",\"data\":\"" + number + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }
}
