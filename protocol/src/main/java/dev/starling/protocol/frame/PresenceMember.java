package dev.starling.protocol.frame;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.starling.protocol.Parsed;
import dev.starling.protocol.json.JsonObjectFields;
import dev.starling.protocol.json.JsonObjectFields.Field;

/**
 * A presence channel member as declared in the signed {@code channel_data}: the user id (numbers are accepted and
 * turned into their decimal text, as Pusher does) and {@code user_info} as the exact JSON text the app signed, or
 * {@code null} when absent.
 */
public record PresenceMember(String userId, String userInfo) {

    /** Pusher's limits: user ids of at most 128 characters, {@code user_info} of at most 1 KB. */
    public static final int DEFAULT_MAX_USER_ID_LENGTH = 128;
    public static final int DEFAULT_MAX_USER_INFO_BYTES = 1024;

    public PresenceMember {
        if (userId == null || userId.isEmpty()) {
            throw new IllegalArgumentException("userId is required");
        }
    }

    public static Parsed<PresenceMember> parseChannelData(String channelData, int maxUserIdLength, int maxUserInfoBytes) {
        if (channelData == null) {
            return Parsed.err("Presence channels need channel_data");
        }
        Parsed<Map<String, Field>> parsed = JsonObjectFields.parse(channelData);
        if (!parsed.isOk()) {
            return Parsed.err("channel_data is not a JSON object");
        }
        Field userId = parsed.value().get("user_id");
        String id;
        if (userId != null && userId.isString()) {
            id = userId.text();
        } else if (userId != null && userId.isNumber()) {
            id = userId.raw();
        } else {
            return Parsed.err("channel_data needs a string or number 'user_id'");
        }
        if (id.isEmpty()) {
            return Parsed.err("channel_data 'user_id' is empty");
        }
        if (id.length() > maxUserIdLength) {
            return Parsed.err("channel_data 'user_id' is longer than " + maxUserIdLength + " characters");
        }
        Field info = parsed.value().get("user_info");
        String userInfo = info == null ? null : info.raw();
        if (userInfo != null && userInfo.getBytes(StandardCharsets.UTF_8).length > maxUserInfoBytes) {
            return Parsed.err("channel_data 'user_info' is larger than " + maxUserInfoBytes + " bytes");
        }
        return Parsed.ok(new PresenceMember(id, userInfo));
    }
}
