package dev.starling.gateway.blackbox;

import static org.awaitility.Awaitility.await;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.pusher.rest.Pusher;
import com.pusher.rest.data.Result;

import dev.starling.testkit.WsClient;
import dev.starling.protocol.json.Json;

/** Small black-box helpers: unique names, reply parsing, waiting for the gateway's view of a channel. */
public final class Gateway {

    private Gateway() {
    }

    /** A channel name no other test uses: {@code prefix} followed by a random suffix. */
    public static String unique(String prefix) {
        return prefix + UUID.randomUUID();
    }

    public static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + text, e);
        }
    }

    /** A successful reply's body as JSON, failing the test with the reply if it was not a 200. */
    public static JsonNode ok(Result result) {
        if (result.getHttpStatus() == null || result.getHttpStatus() != 200) {
            throw new AssertionError("Expected 200, got " + result.getHttpStatus() + " " + result.getStatus() + ": "
                    + result.getMessage());
        }
        return json(result.getMessage());
    }

    /** Waits until {@code GET /channels/{channel}?info=subscription_count} reports {@code count} subscriptions. */
    public static void awaitSubscriptionCount(Pusher api, String channel, int count) {
        await().atMost(JavaClient.TIMEOUT).until(() -> ok(api.get("/channels/" + channel,
                Map.of("info", "subscription_count"))).path("subscription_count").asInt() == count);
    }

    /** Waits until the gateway reports the channel vacant. */
    public static void awaitVacant(Pusher api, String channel) {
        await().atMost(JavaClient.TIMEOUT).until(() -> !ok(api.get("/channels/" + channel)).path("occupied").asBoolean());
    }

    /** The next frame that is not a {@code pusher_internal:subscription_count} notification. */
    public static String nextNonCount(WsClient client) {
        return client.nextMatching(frame -> !frame.contains("\"pusher_internal:subscription_count\""));
    }

    /**
     * Sends {@code pusher:ping} and waits for the pong, dropping the frames before it: once it returns, every frame
     * sent before the ping has been handled by the gateway.
     */
    public static void sync(WsClient client) {
        client.send("{\"event\":\"pusher:ping\",\"data\":{}}");
        client.nextEvent("pusher:pong");
    }
}
