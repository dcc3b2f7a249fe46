package dev.starling.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import dev.starling.gateway.support.TestApps.TestApp;
import dev.starling.gateway.wskit.Names;
import dev.starling.protocol.json.Json;
import dev.starling.protocol.json.JsonText;
import dev.starling.testkit.SignedHttp;
import dev.starling.testkit.Signing;
import dev.starling.testkit.WsClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Protocol 2 on a single node, frame by frame (PROTOCOL-V2.md sections 1–3 and 6): positions on channel messages,
 * the attach position, rewind, resume and their failures, malformed requests, and protocol-7 sockets unchanged.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class ProtocolTwoTest {

    private static final TestApp APP = TestApps.DEMO;

    @TestHTTPResource("/")
    URL url;

    @Test
    void v2MessagesCarryTheirPositionAndV1FramesStayByteIdentical() {
        String channel = Names.unique("v2-");
        try (WsClient v1 = WsClient.connect(url.getPort(), APP.key()); WsClient v2 = v2()) {
            v1.socketId();
            v1.send(Signing.subscribe(channel));
            v1.nextEvent("pusher_internal:subscription_succeeded");
            JsonNode succeeded = subscribe(v2, channel, "");
            assertThat(succeeded.get("serial").isNull()).as("empty channel").isTrue();
            String streamId = succeeded.get("stream_id").asText();

            publish(APP, channel, "order", "{\"id\":7}");
            assertThat(v1.nextMatching(f -> f.contains("\"order\""))).isEqualTo(
                    "{\"event\":\"order\",\"channel\":\"" + channel + "\",\"data\":\"{\\\"id\\\":7}\"}");
            String positioned = v2.nextMatching(f -> f.contains("\"order\""));
            JsonNode message = parse(positioned);
            long serial = message.get("serial").asLong();
            assertThat(positioned).isEqualTo("{\"event\":\"order\",\"channel\":\"" + channel
                    + "\",\"data\":\"{\\\"id\\\":7}\",\"message_id\":\"" + streamId + ":" + serial + "\",\"stream_id\":\""
                    + streamId + "\",\"serial\":" + serial + "}");

            // A later subscriber attaches after that message.
            try (WsClient late = v2()) {
                JsonNode attach = subscribe(late, channel, "");
                assertThat(attach.get("stream_id").asText()).isEqualTo(streamId);
                assertThat(attach.get("serial").asLong()).isEqualTo(serial);
            }
        }
    }

    @Test
    void aRewindReplaysTheLastMessagesThenSaysSoThenGoesLive() {
        String channel = Names.unique("rewind-");
        List<Long> serials = publishNumbered(APP, channel, 5);
        try (WsClient client = v2()) {
            JsonNode attach = subscribe(client, channel, ",\"rewind\":{\"count\":3}");
            assertThat(attach.get("serial").asLong()).isEqualTo(serials.getLast());
            assertThat(numbers(client, 3)).containsExactly(2, 3, 4);
            JsonNode complete = client.nextEvent("starling:rewind_complete");
            assertThat(complete.get("data").toString()).isEqualTo("{\"count\":3,\"stream_id\":\""
                    + attach.get("stream_id").asText() + "\",\"serial\":" + serials.getLast() + ",\"truncated\":false}");
            publish(APP, channel, "n", "5");
            assertThat(numbers(client, 1)).containsExactly(5);
        }
    }

    @Test
    void aRewindAboveTheAppLimitIsCappedAndTruncated() {
        String channel = Names.unique("capped-");
        publishNumbered(TestApps.SHORT_HISTORY, channel, 8); // the app keeps 5 and rewinds at most 3
        try (WsClient client = v2(TestApps.SHORT_HISTORY)) {
            subscribe(client, channel, ",\"rewind\":{\"count\":10}");
            assertThat(numbers(client, 3)).containsExactly(5, 6, 7);
            JsonNode data = client.nextEvent("starling:rewind_complete").get("data");
            assertThat(data.get("count").asInt()).isEqualTo(3);
            assertThat(data.get("truncated").asBoolean()).isTrue();
        }
    }

    @Test
    void aRewindOfMoreThanTheChannelEverHadIsNotTruncated() {
        String channel = Names.unique("young-");
        publishNumbered(APP, channel, 2);
        try (WsClient client = v2()) {
            subscribe(client, channel, ",\"rewind\":{\"count\":50}");
            assertThat(numbers(client, 2)).containsExactly(0, 1);
            JsonNode data = client.nextEvent("starling:rewind_complete").get("data");
            assertThat(data.get("count").asInt()).isEqualTo(2);
            assertThat(data.get("truncated").asBoolean()).isFalse();
        }
    }

    @Test
    void aRewindBySecondsReplaysTheRecentMessages() {
        String channel = Names.unique("seconds-");
        publishNumbered(APP, channel, 3);
        try (WsClient client = v2()) {
            subscribe(client, channel, ",\"rewind\":{\"seconds\":60}");
            assertThat(numbers(client, 3)).containsExactly(0, 1, 2);
            assertThat(client.nextEvent("starling:rewind_complete").at("/data/count").asInt()).isEqualTo(3);
        }
    }

    @Test
    void aResumeReplaysWhatWasMissedWithTheOriginalIdsThenGoesLive() {
        String channel = Names.unique("resume-");
        String streamId;
        long last;
        List<String> ids = new ArrayList<>();
        try (WsClient first = v2()) {
            streamId = subscribe(first, channel, "").get("stream_id").asText();
            publishNumbered(APP, channel, 2);
            JsonNode a = first.nextEvent("n");
            last = first.nextEvent("n").get("serial").asLong();
            assertThat(a.get("message_id").asText()).isEqualTo(streamId + ":" + a.get("serial").asLong());
        }
        for (int i = 2; i < 5; i++) {
            publish(APP, channel, "n", Integer.toString(i));
        }
        try (WsClient again = v2()) {
            JsonNode attach = subscribe(again, channel, ",\"resume\":{\"stream_id\":\"" + streamId + "\",\"serial\":"
                    + last + "}");
            List<Long> replayed = new ArrayList<>();
            for (int i = 2; i < 5; i++) {
                JsonNode message = again.nextEvent("n");
                assertThat(message.get("data").asText()).isEqualTo(Integer.toString(i));
                ids.add(message.get("message_id").asText());
                replayed.add(message.get("serial").asLong());
            }
            assertThat(replayed).isSorted().allMatch(serial -> serial > last);
            assertThat(ids).allMatch(id -> id.startsWith(streamId + ":"));
            JsonNode success = again.nextEvent("starling:resume_success");
            assertThat(success.get("data").toString()).isEqualTo("{\"replayed\":3,\"stream_id\":\"" + streamId
                    + "\",\"serial\":" + replayed.getLast() + "}");
            assertThat(attach.get("serial").asLong()).isEqualTo(replayed.getLast());
            publish(APP, channel, "n", "5");
            assertThat(numbers(again, 1)).containsExactly(5);
        }
    }

    @Test
    void aResumeAtTheHeadReplaysNothing() {
        String channel = Names.unique("athead-");
        long head = publishNumbered(APP, channel, 1).getLast();
        try (WsClient client = v2()) {
            String streamId = streamOf(channel);
            subscribe(client, channel, ",\"resume\":{\"stream_id\":\"" + streamId + "\",\"serial\":" + head + "}");
            assertThat(client.nextEvent("starling:resume_success").get("data").toString()).isEqualTo(
                    "{\"replayed\":0,\"stream_id\":\"" + streamId + "\",\"serial\":" + head + "}");
        }
    }

    @Test
    void resumesThatCannotBeServedFailWithTheirCodeAndTheSubscriptionStaysLive() {
        String channel = Names.unique("failing-");
        List<Long> serials = publishNumbered(TestApps.SHORT_HISTORY, channel, 8);
        String streamId = streamOf(TestApps.SHORT_HISTORY, channel);
        try (WsClient client = v2(TestApps.SHORT_HISTORY)) {
            subscribe(client, channel, ",\"resume\":{\"stream_id\":\"other-stream\",\"serial\":1}");
            JsonNode reset = client.nextEvent("starling:resume_failed").get("data");
            assertThat(reset.get("code").asText()).isEqualTo("stream_reset");
            assertThat(reset.get("stream_id").asText()).isEqualTo(streamId);
            publish(TestApps.SHORT_HISTORY, channel, "n", "8");
            assertThat(numbers(client, 1)).as("live after a failed resume").containsExactly(8);
        }
        try (WsClient client = v2(TestApps.SHORT_HISTORY)) {
            subscribe(client, channel, ",\"resume\":{\"stream_id\":\"" + streamId + "\",\"serial\":" + serials.get(0)
                    + "}");
            JsonNode expired = client.nextEvent("starling:resume_failed").get("data");
            assertThat(expired.get("code").asText()).isEqualTo("position_expired");
            assertThat(expired.get("oldest_serial").asLong()).isGreaterThan(serials.get(2));
        }
        try (WsClient client = v2(TestApps.SHORT_HISTORY)) {
            subscribe(client, channel, ",\"resume\":{\"stream_id\":\"" + streamId + "\",\"serial\":"
                    + (Long.MAX_VALUE - 1) + "}");
            assertThat(client.nextEvent("starling:resume_failed").at("/data/code").asText())
                    .isEqualTo("position_invalid");
        }
    }

    @Test
    void malformedRewindsAndResumesAreA400SubscriptionErrorAndTheConnectionStaysOpen() {
        try (WsClient client = v2()) {
            for (String bad : List.of(",\"rewind\":5", ",\"rewind\":{}", ",\"rewind\":{\"count\":\"3\"}",
                    ",\"rewind\":{\"count\":-1}", ",\"resume\":{\"serial\":1}", ",\"resume\":{\"stream_id\":\"s\"}",
                    ",\"rewind\":{\"count\":1},\"resume\":{\"stream_id\":\"s\",\"serial\":1}")) {
                String channel = Names.unique("bad-");
                client.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel + "\"" + bad + "}}");
                JsonNode error = client.nextEvent("pusher:subscription_error");
                assertThat(error.get("channel").asText()).isEqualTo(channel);
                assertThat(parse(error.get("data").asText()).get("status").asInt()).as(bad).isEqualTo(400);
            }
            client.send("{\"event\":\"pusher:ping\",\"data\":{}}");
            assertThat(client.nextEvent("pusher:pong")).isNotNull();
        }
    }

    @Test
    void aV1SocketIgnoresRewindAndResume() {
        String channel = Names.unique("v1-");
        publishNumbered(APP, channel, 2);
        try (WsClient v1 = WsClient.connect(url.getPort(), APP.key())) {
            v1.socketId();
            v1.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel
                    + "\",\"rewind\":{\"count\":5},\"resume\":\"bad\"}}");
            assertThat(v1.nextEvent("pusher_internal:subscription_succeeded").toString()).isEqualTo(
                    "{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"" + channel
                            + "\",\"data\":\"{}\"}");
            publish(APP, channel, "n", "2");
            assertThat(v1.nextMatching(f -> !f.contains("subscription_count"))).isEqualTo("{\"event\":\"n\","
                    + "\"channel\":\"" + channel + "\",\"data\":\"2\"}");
        }
    }

    @Test
    void aRewindWhilePublishesRaceTheSubscribeIsContiguousWithTheLiveStream() throws Exception {
        for (int round = 0; round < 5; round++) {
            String channel = Names.unique("race-");
            AtomicInteger next = new AtomicInteger();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread publisher = new Thread(() -> {
                while (running.get()) {
                    publish(APP, channel, "n", Integer.toString(next.getAndIncrement()));
                }
            });
            publisher.start();
            try (WsClient client = v2()) {
                while (next.get() < 20) {
                    Thread.onSpinWait();
                }
                client.socketId();
                client.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel
                        + "\",\"rewind\":{\"count\":10}}}");
                List<Integer> seen = new ArrayList<>();
                long lastSerial = -1;
                boolean complete = false;
                while (seen.size() < 40) {
                    JsonNode frame = parse(client.next());
                    String event = frame.get("event").asText();
                    if (event.equals("starling:rewind_complete")) {
                        complete = true;
                        assertThat(frame.at("/data/serial").asLong()).isEqualTo(lastSerial);
                    } else if (event.equals("n")) {
                        long serial = frame.get("serial").asLong();
                        assertThat(serial).as("serials strictly increase").isGreaterThan(lastSerial);
                        lastSerial = serial;
                        seen.add(Integer.parseInt(frame.get("data").asText()));
                    }
                }
                assertThat(complete).isTrue();
                for (int i = 1; i < seen.size(); i++) {
                    assertThat(seen.get(i)).as("no gap, no duplicate: %s", seen).isEqualTo(seen.get(i - 1) + 1);
                }
            } finally {
                running.set(false);
                publisher.join();
            }
        }
    }

    @Test
    void presenceAndClientEventsToo() {
        String channel = Names.unique("presence-v2-");
        try (WsClient alice = v2(TestApps.SHORT_HISTORY); WsClient bob = v2(TestApps.SHORT_HISTORY)) {
            String aliceId = alice.socketId();
            alice.send(Signing.subscribePresence(TestApps.SHORT_HISTORY, aliceId, channel, "alice", "{}"));
            JsonNode joined = alice.nextEvent("pusher_internal:subscription_succeeded");
            assertThat(joined.has("stream_id")).isTrue();
            assertThat(joined.get("serial").isNull()).isTrue();
            assertThat(parse(joined.get("data").asText()).at("/presence/count").asInt()).isEqualTo(1);
            String bobId = bob.socketId();
            bob.send(Signing.subscribePresence(TestApps.SHORT_HISTORY, bobId, channel, "bob", "{}"));
            bob.nextEvent("pusher_internal:subscription_succeeded");
            alice.nextEvent("pusher_internal:member_added");
            bob.send(Signing.clientEvent(channel, "client-hi", "{\"x\":1}"));
            JsonNode event = alice.nextEvent("client-hi");
            assertThat(event.get("user_id").asText()).isEqualTo("bob");
            assertThat(event.get("serial").isIntegralNumber()).isTrue();
            assertThat(event.get("message_id").asText()).endsWith(":" + event.get("serial").asLong());
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private WsClient v2() {
        return v2(APP);
    }

    private WsClient v2(TestApp app) {
        return WsClient.connectV2(url.getPort(), app.key());
    }

    /** Subscribes (with extra data fields such as a rewind) and returns the subscription_succeeded frame. */
    private static JsonNode subscribe(WsClient client, String channel, String extra) {
        client.socketId();
        client.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel + "\"" + extra + "}}");
        return client.nextEvent("pusher_internal:subscription_succeeded");
    }

    private String streamOf(String channel) {
        return streamOf(APP, channel);
    }

    private String streamOf(TestApp app, String channel) {
        try (WsClient probe = v2(app)) {
            return subscribe(probe, channel, "").get("stream_id").asText();
        }
    }

    /** Publishes "0" … "count-1" as event {@code n}; returns their serials, as a subscriber saw them live. */
    private List<Long> publishNumbered(TestApp app, String channel, int count) {
        List<Long> serials = new ArrayList<>();
        try (WsClient probe = v2(app)) {
            subscribe(probe, channel, "");
            for (int i = 0; i < count; i++) {
                publish(app, channel, "n", Integer.toString(i));
            }
            while (serials.size() < count) {
                serials.add(probe.nextEvent("n").get("serial").asLong());
            }
        }
        return serials;
    }

    private static List<Integer> numbers(WsClient client, int count) {
        List<Integer> numbers = new ArrayList<>();
        while (numbers.size() < count) {
            numbers.add(Integer.parseInt(client.nextEvent("n").get("data").asText()));
        }
        return numbers;
    }

    private void publish(TestApp app, String channel, String event, String data) {
        var response = SignedHttp.post(url.getPort(), app, "/apps/" + app.id() + "/events", "{\"name\":"
                + JsonText.quote(event) + ",\"channel\":" + JsonText.quote(channel) + ",\"data\":" + JsonText.quote(data)
                + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }
}
