package dev.starling.e2e;

import static dev.starling.e2e.ClusterFixture.APP;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.starling.protocol.json.Json;
import dev.starling.protocol.json.JsonText;
import dev.starling.testkit.SignedHttp;
import dev.starling.testkit.Signing;
import dev.starling.testkit.WebhookReceiver;
import dev.starling.testkit.WsClient;

/**
 * One scripted session of two clients and a backend — subscribe, presence join and leave, sign-in with watchlists,
 * client events, server-to-user events, HTTP queries, terminate — written down as a transcript of everything
 * observable: every frame each client receives (socket ids replaced by the client's name), every HTTP answer, every
 * webhook. Run against one node (both clients on it) and against two nodes (one client on each), the transcripts
 * must be identical.
 *
 * <p>The script waits for each frame it expects before the next step, so the causal order is the same in both runs;
 * where it waits for several at once they are recorded sorted (the protocol orders frames within a channel, not
 * across channels). Frames it did not expect are recorded too, per client and channel. HTTP answers from the node that acknowledged the
 * last action are read at once (read-your-writes); the other node's answer is awaited until it converges, and must
 * then be the same.
 */
final class ScriptedScenario {

    private static final Duration CONVERGENCE = Duration.ofSeconds(5);

    private final int portA;
    private final int portB;
    private final String prefix;
    private final WebhookReceiver webhooks;
    private final String hookPath;
    private final List<String> transcript = new ArrayList<>();
    private final Map<String, String> socketNames = new TreeMap<>();

    /**
     * @param portA    the node of client 1 (and of the queries right after client 1 acts)
     * @param portB    the node of client 2 (the same as {@code portA} on a single node)
     * @param prefix   the channel name prefix of this run
     * @param hookPath the webhook path the nodes under test post to
     */
    ScriptedScenario(int portA, int portB, String prefix, WebhookReceiver webhooks, String hookPath) {
        this.portA = portA;
        this.portB = portB;
        this.prefix = prefix;
        this.webhooks = webhooks;
        this.hookPath = hookPath;
    }

    List<String> run() {
        String pub = prefix + "news";
        String room = "presence-" + prefix + "room";
        String chat = "private-" + prefix + "chat";
        String count = "pusher_internal:subscription_count ";
        try (Peer c1 = new Peer("c1", portA); Peer c2 = new Peer("c2", portB)) {
            c1.send(Signing.subscribe(pub));
            c1.expect("pusher_internal:subscription_succeeded", pub);
            http("A channel", SignedHttp.get(portA, APP, "/apps/app-id/channels/" + pub,
                    Map.of("info", "subscription_count")));
            http("A channels", SignedHttp.get(portA, APP, "/apps/app-id/channels",
                    Map.of("filter_by_prefix", prefix, "info", "subscription_count")));
            http("A publish", SignedHttp.post(portA, APP, "/apps/app-id/events", "{\"name\":\"hello\",\"channel\":"
                    + JsonText.quote(pub) + ",\"data\":\"{\\\"n\\\":1}\",\"info\":\"subscription_count\"}"));
            c1.expectAll(Set.of("hello " + pub, count + pub));

            c2.send(Signing.subscribe(pub));
            c2.expectAll(Set.of("pusher_internal:subscription_succeeded " + pub, count + pub));
            c1.expect("pusher_internal:subscription_count", pub);
            converged("channel " + pub, "/apps/app-id/channels/" + pub, Map.of("info", "subscription_count"), portB);

            c2.send(Signing.subscribePresence(APP, c2.socketId, room, "alice", "{\"name\":\"Alice\"}"));
            c2.expect("pusher_internal:subscription_succeeded", room);
            c1.send(Signing.subscribePresence(APP, c1.socketId, room, "bob", "{\"name\":\"Bob\"}"));
            c1.expect("pusher_internal:subscription_succeeded", room);
            c2.expect("pusher_internal:member_added", room);
            converged("users", "/apps/app-id/channels/" + room + "/users", Map.of(), portA);
            converged("channel " + room, "/apps/app-id/channels/" + room,
                    Map.of("info", "user_count,subscription_count"), portA);

            c1.send(Signing.signin(APP, c1.socketId, "{\"id\":\"bob\",\"watchlist\":[\"alice\"]}"));
            c1.expect("pusher:signin_success", null);
            c1.expect("pusher_internal:watchlist_events", null);
            c2.send(Signing.signin(APP, c2.socketId, "{\"id\":\"alice\"}"));
            c2.expect("pusher:signin_success", null);
            c1.expect("pusher_internal:watchlist_events", null);

            c1.send(Signing.subscribePrivate(APP, c1.socketId, chat));
            c1.expectAll(Set.of("pusher_internal:subscription_succeeded " + chat, count + chat));
            c2.send(Signing.subscribePrivate(APP, c2.socketId, chat));
            c2.expectAll(Set.of("pusher_internal:subscription_succeeded " + chat, count + chat));
            c1.expect("pusher_internal:subscription_count", chat);
            c2.send(Signing.clientEvent(chat, "client-typing", "{\"who\":\"alice\"}"));
            c1.expect("client-typing", chat);

            http("B to user", SignedHttp.post(portB, APP, "/apps/app-id/events",
                    "{\"name\":\"dm\",\"channel\":\"#server-to-user-alice\",\"data\":\"hi\"}"));
            c2.expect("dm", "#server-to-user-alice");
            c1.settle();
            c2.settle();

            http("A terminate", SignedHttp.post(portA, APP, "/apps/app-id/users/alice/terminate_connections", "{}"));
            WsClient.Closed closed = c2.client.awaitClose();
            transcript.add("c2 closed " + closed.code());
            c2.settle();
            c1.expectAll(Set.of("pusher_internal:member_removed " + room, "pusher_internal:watchlist_events null",
                    count + pub, count + chat));
            converged("channel " + room + " after", "/apps/app-id/channels/" + room,
                    Map.of("info", "user_count,subscription_count"), portA);
            converged("channels after", "/apps/app-id/channels", Map.of("filter_by_prefix", prefix,
                    "info", "subscription_count"), portA);
            c1.settle();
        }
        webhooksSettled(List.of(pub, room, chat));
        return transcript;
    }

    private void http(String label, HttpResponse<String> response) {
        transcript.add(label + " -> " + response.statusCode() + " " + response.body());
    }

    /**
     * The answer of the node that acted last, read at once, and the other node's, awaited: both must agree within
     * {@link #CONVERGENCE}. The transcript records the answer once.
     */
    private void converged(String label, String path, Map<String, String> query, int actingPort) {
        int otherPort = actingPort == portA ? portB : portA;
        String here = body(actingPort, path, query);
        transcript.add(label + " (acting node) -> " + here);
        Supplier<String> there = () -> body(otherPort, path, query);
        await().atMost(CONVERGENCE).until(() -> there.get().equals(here));
    }

    private static String body(int port, String path, Map<String, String> query) {
        HttpResponse<String> response = SignedHttp.get(port, APP, path, query);
        return response.statusCode() + " " + response.body();
    }

    /** Waits until every channel was vacated (after the debounce) and records the webhooks of this run, sorted. */
    private void webhooksSettled(List<String> channels) {
        await().atMost(Duration.ofSeconds(20)).until(() -> channels.stream().allMatch(channel ->
                webhooks.events(hookPath, channel).stream().anyMatch(e -> "channel_vacated".equals(e.path("name").asText()))));
        List<String> events = new ArrayList<>();
        for (String channel : channels) {
            for (JsonNode event : webhooks.events(hookPath, channel)) {
                ObjectNode copy = event.deepCopy();
                if (copy.has("socket_id")) {
                    copy.put("socket_id", socketNames.getOrDefault(copy.get("socket_id").asText(), "?"));
                }
                events.add(copy.toString());
            }
        }
        events.sort(null);
        transcript.add("webhooks " + events);
    }

    /** A client, its socket id, and the frames it received that the script did not wait for, by channel. */
    private final class Peer implements AutoCloseable {

        final String name;
        final WsClient client;
        final String socketId;
        private final Map<String, List<String>> unexpected = new TreeMap<>();

        Peer(String name, int port) {
            this.name = name;
            this.client = WsClient.connect(port, APP.key());
            String established = client.next();
            JsonNode data = parse(parse(established).path("data").asText());
            this.socketId = data.path("socket_id").asText();
            socketNames.put(socketId, name);
            transcript.add(name + " <- " + normalize(established));
        }

        void send(String frame) {
            client.send(frame);
        }

        void expect(String event, String channel) {
            expectAll(Set.of(event + " " + channel));
        }

        /** Waits for frames with these {@code "event channel"} keys, in any order; records them sorted. */
        void expectAll(Set<String> keys) {
            List<String> seen = new ArrayList<>();
            Set<String> left = new java.util.HashSet<>(keys);
            while (!left.isEmpty()) {
                String frame = client.next();
                JsonNode json = parse(frame);
                String key = json.path("event").asText() + " " + (json.hasNonNull("channel")
                        ? json.get("channel").asText() : "null");
                if (left.remove(key)) {
                    seen.add(normalize(frame));
                } else {
                    unexpected.computeIfAbsent(json.path("channel").asText("-"), c -> new ArrayList<>())
                            .add(normalize(frame));
                }
            }
            seen.sort(null);
            transcript.add(name + " <- " + seen);
        }

        /**
         * Records (sorted, per channel) what arrived without being waited for, once everything this client's node has
         * sent so far has arrived (a ping answered means every earlier frame is in). The script waits for every frame
         * it knows of, so this records extra frames only.
         */
        void settle() {
            if (!client.isClosed()) {
                client.send("{\"event\":\"pusher:ping\",\"data\":{}}");
                expectQuietly("pusher:pong");
            }
            for (String frame : client.drain()) {
                unexpected.computeIfAbsent(parse(frame).path("channel").asText("-"), c -> new ArrayList<>())
                        .add(normalize(frame));
            }
            unexpected.forEach((channel, frames) -> {
                frames.sort(null);
                transcript.add(name + " also on " + channel + ": " + frames);
            });
            unexpected.clear();
        }

        private void expectQuietly(String event) {
            while (true) {
                String frame = client.next();
                JsonNode json = parse(frame);
                if (event.equals(json.path("event").asText())) {
                    return;
                }
                unexpected.computeIfAbsent(json.path("channel").asText("-"), c -> new ArrayList<>())
                        .add(normalize(frame));
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }

    private String normalize(String frame) {
        String result = frame;
        for (Map.Entry<String, String> socket : socketNames.entrySet()) {
            result = result.replace(socket.getKey(), "<" + socket.getValue() + ">");
        }
        return result;
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + json, e);
        }
    }
}
