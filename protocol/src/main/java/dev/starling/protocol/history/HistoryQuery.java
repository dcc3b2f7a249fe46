package dev.starling.protocol.history;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * A query of history-service's {@code GET /v1/apps/{appId}/channels/{channel}/messages}, built by a gateway. Bounds
 * combine (all must hold): {@code after}/{@code before} are exclusive, {@code from}/{@code to} inclusive,
 * {@code sinceMs} keeps rows published at or after that time. An absent limit means the service's maximum page.
 */
public record HistoryQuery(String streamId, Direction direction, OptionalLong afterSerial, OptionalLong beforeSerial,
        OptionalLong fromSerial, OptionalLong toSerial, OptionalLong sinceMs, OptionalLong limit) {

    public enum Direction {
        /** Oldest first. */
        FORWARDS,
        /** Newest first. */
        BACKWARDS;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A query of every retained row of {@code streamId}, oldest first. */
    public static HistoryQuery forwards(String streamId) {
        return new HistoryQuery(streamId, Direction.FORWARDS, OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
    }

    /** A query of every retained row of {@code streamId}, newest first. */
    public static HistoryQuery backwards(String streamId) {
        return forwards(streamId).withDirection(Direction.BACKWARDS);
    }

    public HistoryQuery withDirection(Direction value) {
        return new HistoryQuery(streamId, value, afterSerial, beforeSerial, fromSerial, toSerial, sinceMs, limit);
    }

    public HistoryQuery after(long serial) {
        return new HistoryQuery(streamId, direction, OptionalLong.of(serial), beforeSerial, fromSerial, toSerial,
                sinceMs, limit);
    }

    public HistoryQuery before(long serial) {
        return new HistoryQuery(streamId, direction, afterSerial, OptionalLong.of(serial), fromSerial, toSerial,
                sinceMs, limit);
    }

    public HistoryQuery from(long serial) {
        return new HistoryQuery(streamId, direction, afterSerial, beforeSerial, OptionalLong.of(serial), toSerial,
                sinceMs, limit);
    }

    public HistoryQuery to(long serial) {
        return new HistoryQuery(streamId, direction, afterSerial, beforeSerial, fromSerial, OptionalLong.of(serial),
                sinceMs, limit);
    }

    public HistoryQuery since(long epochMillis) {
        return new HistoryQuery(streamId, direction, afterSerial, beforeSerial, fromSerial, toSerial,
                OptionalLong.of(epochMillis), limit);
    }

    public HistoryQuery limit(long value) {
        return new HistoryQuery(streamId, direction, afterSerial, beforeSerial, fromSerial, toSerial, sinceMs,
                OptionalLong.of(value));
    }

    /** The request path and query string, app id and channel URL-encoded, e.g. {@code /v1/apps/a/channels/c/messages?…}. */
    public String pathAndQuery(String appId, String channel) {
        StringBuilder out = new StringBuilder("/v1/apps/").append(encode(appId)).append("/channels/")
                .append(encode(channel)).append("/messages?stream_id=").append(encode(streamId))
                .append("&direction=").append(direction.wire());
        append(out, "after_serial", afterSerial);
        append(out, "before_serial", beforeSerial);
        append(out, "from_serial", fromSerial);
        append(out, "to_serial", toSerial);
        append(out, "since_ms", sinceMs);
        append(out, "limit", limit);
        return out.toString();
    }

    /** The path of {@code GET /v1/streams/{streamId}/written-through}. */
    public static String writtenThroughPath(String streamId) {
        return "/v1/streams/" + encode(streamId) + "/written-through";
    }

    private static void append(StringBuilder out, String name, OptionalLong value) {
        if (value.isPresent()) {
            out.append('&').append(name).append('=').append(value.getAsLong());
        }
    }

    /** Percent-encoding for a path segment or query value ({@code %20} for a space, never {@code +}). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
