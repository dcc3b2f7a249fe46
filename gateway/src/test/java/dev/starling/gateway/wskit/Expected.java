package dev.starling.gateway.wskit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Exact server frames as PROTOCOL.md spells them, written out by hand (not with the gateway's own encoder, so a
 * wrong encoder cannot agree with itself; strings are quoted with a plain Jackson mapper). Names and ids passed in
 * must not need JSON escaping.
 */
public final class Expected {

    /** {@code pusher:ping}, as the server sends it and as pusher-js sends it. */
    public static final String PING = "{\"event\":\"pusher:ping\",\"data\":{}}";
    public static final String PONG = "{\"event\":\"pusher:pong\",\"data\":{}}";

    private static final ObjectMapper JACKSON = new ObjectMapper();

    private Expected() {
    }

    public static String succeeded(String channel) {
        return "{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"" + channel + "\",\"data\":\"{}\"}";
    }

    public static String subscriptionError(String channel, String type, String error, int status) {
        return "{\"event\":\"pusher:subscription_error\",\"channel\":\"" + channel + "\",\"data\":\"{\\\"type\\\":\\\""
                + type + "\\\",\\\"error\\\":\\\"" + error + "\\\",\\\"status\\\":" + status + "}\"}";
    }

    public static String count(String channel, int count) {
        return "{\"event\":\"pusher_internal:subscription_count\",\"channel\":\"" + channel
                + "\",\"data\":\"{\\\"subscription_count\\\":" + count + "}\"}";
    }

    public static String cacheMiss(String channel) {
        return "{\"event\":\"pusher:cache_miss\",\"channel\":\"" + channel + "\"}";
    }

    /** A {@code pusher:error}; {@code code} may be null. */
    public static String error(Integer code, String message) {
        return "{\"event\":\"pusher:error\",\"data\":{\"code\":" + code + ",\"message\":\"" + message + "\"}}";
    }

    /** A channel event whose {@code data} is the string {@code data} (JSON-escaped here). */
    public static String event(String event, String channel, String data) {
        return "{\"event\":\"" + event + "\",\"channel\":\"" + channel + "\",\"data\":" + quote(data) + "}";
    }

    /** A presence {@code subscription_succeeded} whose data string is {@code presenceJson}. */
    public static String presenceSucceeded(String channel, String presenceJson) {
        return "{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"" + channel + "\",\"data\":"
                + quote(presenceJson) + "}";
    }

    public static String memberAdded(String channel, String userId, String userInfoJson) {
        return "{\"event\":\"pusher_internal:member_added\",\"channel\":\"" + channel + "\",\"data\":"
                + quote("{\"user_id\":\"" + userId + "\",\"user_info\":" + userInfoJson + "}") + "}";
    }

    public static String memberRemoved(String channel, String userId) {
        return "{\"event\":\"pusher_internal:member_removed\",\"channel\":\"" + channel + "\",\"data\":"
                + quote("{\"user_id\":\"" + userId + "\"}") + "}";
    }

    /** {@code value} as a JSON string literal. */
    public static String quote(String value) {
        try {
            return JACKSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
