package dev.starling.protocol.json;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.starling.protocol.Parsed;

/**
 * Reads the top-level fields of a JSON object, keeping each value's exact source text. Pusher relays some
 * values verbatim (client event data, presence {@code user_info}), so they must not be re-serialized.
 */
public final class JsonObjectFields {

    /** A top-level value: its token kind, its exact source text and, for strings, the decoded string. */
    public record Field(JsonToken kind, String raw, String text) {

        public boolean isString() {
            return kind == JsonToken.VALUE_STRING;
        }

        public boolean isNumber() {
            return kind == JsonToken.VALUE_NUMBER_INT || kind == JsonToken.VALUE_NUMBER_FLOAT;
        }

        public boolean isObject() {
            return kind == JsonToken.START_OBJECT;
        }

        public boolean isArray() {
            return kind == JsonToken.START_ARRAY;
        }

        public boolean isNull() {
            return kind == JsonToken.VALUE_NULL;
        }
    }

    private JsonObjectFields() {
    }

    /** Parses {@code json}, which must be exactly one JSON object; never throws. */
    public static Parsed<Map<String, Field>> parse(String json) {
        if (json == null) {
            return Parsed.err("Expected a JSON object, got nothing");
        }
        try (JsonParser parser = Json.FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Parsed.err("Expected a JSON object");
            }
            Map<String, Field> fields = new HashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken kind = parser.nextToken();
                int start = (int) parser.currentTokenLocation().getCharOffset();
                String text = kind == JsonToken.VALUE_STRING ? parser.getText() : null;
                if (kind == JsonToken.START_OBJECT || kind == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                } else if (kind == JsonToken.VALUE_STRING) {
                    parser.finishToken();
                }
                int end = (int) parser.currentLocation().getCharOffset();
                fields.put(name, new Field(kind, json.substring(start, end), text));
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return Parsed.err("Expected a single JSON object");
            }
            return Parsed.ok(fields);
        } catch (IOException | RuntimeException e) {
            return Parsed.err("Invalid JSON: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
