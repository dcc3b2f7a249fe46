package dev.starling.protocol.history;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.protocol.Parsed;
import dev.starling.protocol.json.Json;

/**
 * The parts of a channel event frame (as {@link dev.starling.protocol.frame.ServerFrames#channelEvent} writes it)
 * that history keeps.
 *
 * @param event   the event name
 * @param channel the channel name
 * @param data    the {@code data} string exactly as carried by the frame (Pusher's double encoding kept: a JSON
 *                document published as {@code {"id":7}} is the string {@code {"id":7}}); {@code null} when the frame
 *                has no {@code data}. A non-string {@code data} value is kept as its JSON text.
 * @param userId  {@code user_id} of a client event, else {@code null}
 */
public record ChannelEventFrame(String event, String channel, String data, String userId) {

    /** Reads a frame; never throws: anything that is not a channel event frame is an error naming the reason. */
    public static Parsed<ChannelEventFrame> parse(String frame) {
        if (frame == null) {
            return Parsed.err("no frame");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(frame);
        } catch (Exception e) {
            return Parsed.err("frame is not JSON: " + e.getClass().getSimpleName());
        }
        if (root == null || !root.isObject()) {
            return Parsed.err("frame is not a JSON object");
        }
        JsonNode event = root.get("event");
        if (event == null || !event.isTextual()) {
            return Parsed.err("frame has no string event");
        }
        JsonNode channel = root.get("channel");
        if (channel == null || !channel.isTextual()) {
            return Parsed.err("frame has no string channel");
        }
        JsonNode userId = root.get("user_id");
        if (userId != null && !userId.isNull() && !userId.isTextual()) {
            return Parsed.err("user_id is not a string");
        }
        JsonNode data = root.get("data");
        String dataText = data == null || data.isNull() ? null : data.isTextual() ? data.textValue() : data.toString();
        return Parsed.ok(new ChannelEventFrame(event.textValue(), channel.textValue(), dataText,
                userId == null || userId.isNull() ? null : userId.textValue()));
    }
}
