package dev.starling.push.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.starling.protocol.json.Json;
import dev.starling.push.error.ApiError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Reading request bodies (bounded, JSON objects only) and writing the JSON answers. */
final class Bodies {

    private Bodies() {
    }

    /** The body as a JSON object; an empty body is an empty object. */
    static ObjectNode object(String body, int maxBytes) {
        if (body == null || body.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        if (body.length() > maxBytes) {
            throw ApiError.PAYLOAD_TOO_LARGE.with("The request body exceeds " + maxBytes + " bytes");
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (Exception e) {
            // answered below
        }
        throw ApiError.BAD_REQUEST.with("The request body must be a JSON object");
    }

    static Response json(Object value) {
        return Response.ok(value instanceof String s ? s : Json.MAPPER.valueToTree(value).toString(),
                MediaType.APPLICATION_JSON).build();
    }

    /** 200 with no body: what Beams answers to deletions and updates (the SDKs resolve to undefined). */
    static Response ok() {
        return Response.ok().build();
    }
}
