package dev.starling.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.starling.protocol.json.Json;

/** Serializes reply bodies (maps, lists, numbers, strings) to compact JSON. */
final class JsonReplies {

    private JsonReplies() {
    }

    static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Reply not serializable", e);
        }
    }
}
