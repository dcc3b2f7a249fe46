package dev.starling.protocol.history;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.protocol.Parsed;
import dev.starling.protocol.json.Json;
import dev.starling.protocol.json.JsonText;

/**
 * The body of every error answer of history-service: {@code {"error":"…","parameter":"…"}}, {@code parameter}
 * present only when one query parameter is to blame (400).
 *
 * @param error     a human-readable reason
 * @param parameter the offending query parameter, or {@code null}
 */
public record HistoryError(String error, String parameter) {

    public String encode() {
        StringBuilder out = new StringBuilder(64).append("{\"error\":");
        JsonText.appendQuoted(out, error);
        if (parameter != null) {
            out.append(",\"parameter\":");
            JsonText.appendQuoted(out, parameter);
        }
        return out.append('}').toString();
    }

    /** Never throws. */
    public static Parsed<HistoryError> decode(String json) {
        try {
            JsonNode root = json == null ? null : Json.MAPPER.readTree(json);
            if (root == null || !root.isObject() || root.get("error") == null || !root.get("error").isTextual()) {
                return Parsed.err("not an error body");
            }
            JsonNode parameter = root.get("parameter");
            return Parsed.ok(new HistoryError(root.get("error").textValue(),
                    parameter != null && parameter.isTextual() ? parameter.textValue() : null));
        } catch (Exception e) {
            return Parsed.err("not JSON: " + e.getClass().getSimpleName());
        }
    }
}
