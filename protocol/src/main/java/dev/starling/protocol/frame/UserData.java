package dev.starling.protocol.frame;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.protocol.Parsed;
import dev.starling.protocol.json.Json;
import dev.starling.protocol.json.JsonObjectFields;
import dev.starling.protocol.json.JsonObjectFields.Field;

/**
 * The signed {@code user_data} of a sign-in: a non-empty string {@code id}, optional {@code user_info} (exact JSON
 * text) and optional {@code watchlist} of user ids. {@link #watchlistTruncated()} tells that the watchlist had more
 * ids than the limit and was cut to it (the sign-in still succeeds; the client is told with error 4302).
 */
public record UserData(String id, String userInfo, List<String> watchlist, boolean watchlistTruncated) {

    public static final int DEFAULT_MAX_WATCHLIST = 100;

    public UserData {
        watchlist = List.copyOf(watchlist);
    }

    public static Parsed<UserData> parse(String userData, int maxWatchlist) {
        Parsed<Map<String, Field>> parsed = JsonObjectFields.parse(userData);
        if (!parsed.isOk()) {
            return Parsed.err("user_data is not a JSON object");
        }
        Map<String, Field> fields = parsed.value();
        Field id = fields.get("id");
        if (id == null || !id.isString() || id.text().isEmpty()) {
            return Parsed.err("user_data needs a non-empty string 'id'");
        }
        Field info = fields.get("user_info");
        Field watchlistField = fields.get("watchlist");
        java.util.Set<String> watchlist = new java.util.LinkedHashSet<>();
        boolean truncated = false;
        if (watchlistField != null && !watchlistField.isNull()) {
            if (!watchlistField.isArray()) {
                return Parsed.err("user_data 'watchlist' must be an array of user ids");
            }
            JsonNode array;
            try {
                array = Json.MAPPER.readTree(watchlistField.raw());
            } catch (Exception e) {
                return Parsed.err("user_data 'watchlist' is not valid JSON");
            }
            for (JsonNode element : array) {
                if (!element.isTextual() && !element.isNumber()) {
                    return Parsed.err("user_data 'watchlist' must hold string user ids");
                }
                String watched = element.isTextual() ? element.textValue() : element.asText();
                if (watchlist.size() == maxWatchlist && !watchlist.contains(watched)) {
                    truncated = true;
                    break;
                }
                watchlist.add(watched);
            }
        }
        return Parsed.ok(new UserData(id.text(), info == null ? null : info.raw(), List.copyOf(watchlist), truncated));
    }
}
