package dev.starling.protocol.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.protocol.Parsed;
import dev.starling.protocol.SocketId;
import dev.starling.protocol.json.Json;
import dev.starling.protocol.json.JsonObjectFields;
import dev.starling.protocol.json.JsonObjectFields.Field;

/**
 * One event to publish, as sent to {@code POST /apps/{id}/events} or as an element of {@code batch_events}.
 * Parsing checks the structure only; limits that depend on the app (data size, channel count, names) are the
 * caller's to check.
 *
 * @param name     the event name (at most {@value #MAX_EVENT_NAME_LENGTH} characters)
 * @param data     the event data, a string relayed verbatim
 * @param channels the target channels, in request order, without duplicates
 * @param socketId the socket to exclude from delivery, or {@code null}
 * @param info     the attributes to report per channel in the reply
 * @param push     Starling's extension {@code "extras":{"push":{…}}}: a Beams publish body (its {@code web},
 *                 {@code fcm}, {@code apns} objects) to send to the channels' interests too, as its exact JSON text;
 *                 {@code null} when absent
 */
public record TriggerRequest(String name, String data, List<String> channels, String socketId, Set<InfoAttribute> info,
        String push) {

    public static final int MAX_EVENT_NAME_LENGTH = 200;

    public TriggerRequest {
        channels = List.copyOf(channels);
        info = Set.copyOf(info);
    }

    /** An event without push. */
    public TriggerRequest(String name, String data, List<String> channels, String socketId, Set<InfoAttribute> info) {
        this(name, data, channels, socketId, info, null);
    }

    /** Parses the body of {@code POST /events}. */
    public static Parsed<TriggerRequest> parse(String body) {
        Parsed<Map<String, Field>> fields = JsonObjectFields.parse(body);
        if (!fields.isOk()) {
            return Parsed.err("Request body is not a JSON object: " + fields.reason());
        }
        return fromFields(fields.value(), "");
    }

    /** Parses the body of {@code POST /batch_events}: {@code {"batch":[…]}}; every element needs one channel. */
    public static Parsed<List<TriggerRequest>> parseBatch(String body) {
        Parsed<Map<String, Field>> fields = JsonObjectFields.parse(body);
        if (!fields.isOk()) {
            return Parsed.err("Request body is not a JSON object: " + fields.reason());
        }
        Field batch = fields.value().get("batch");
        if (batch == null || !batch.isArray()) {
            return Parsed.err("Request body needs a 'batch' array");
        }
        JsonNode array;
        try {
            array = Json.MAPPER.readTree(batch.raw());
        } catch (Exception e) {
            return Parsed.err("'batch' is not valid JSON");
        }
        List<TriggerRequest> events = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String where = "batch[" + i + "]: ";
            Parsed<Map<String, Field>> item = JsonObjectFields.parse(array.get(i).toString());
            if (!item.isOk()) {
                return Parsed.err(where + "not a JSON object");
            }
            Parsed<TriggerRequest> event = fromFields(item.value(), where);
            if (!event.isOk()) {
                return Parsed.err(event.reason());
            }
            if (event.value().channels().size() != 1) {
                return Parsed.err(where + "a batch event needs exactly one 'channel'");
            }
            events.add(event.value());
        }
        return Parsed.ok(events);
    }

    private static Parsed<TriggerRequest> fromFields(Map<String, Field> fields, String where) {
        Field name = fields.get("name");
        if (name == null || !name.isString() || name.text().isEmpty()) {
            return Parsed.err(where + "'name' is required and must be a non-empty string");
        }
        if (name.text().length() > MAX_EVENT_NAME_LENGTH) {
            return Parsed.err(where + "'name' is longer than " + MAX_EVENT_NAME_LENGTH + " characters");
        }
        Field data = fields.get("data");
        if (data == null || !data.isString()) {
            return Parsed.err(where + "'data' is required and must be a string");
        }
        Parsed<List<String>> channels = channels(fields, where);
        if (!channels.isOk()) {
            return Parsed.err(channels.reason());
        }
        Field socketId = fields.get("socket_id");
        String excluded = null;
        if (socketId != null && !socketId.isNull()) {
            if (!socketId.isString() || !SocketId.isValid(socketId.text())) {
                return Parsed.err(where + "'socket_id' must look like 123.456");
            }
            excluded = socketId.text();
        }
        Field info = fields.get("info");
        if (info != null && !info.isNull() && !info.isString()) {
            return Parsed.err(where + "'info' must be a comma-separated string");
        }
        Parsed<Set<InfoAttribute>> attributes = InfoAttribute.parseList(info == null ? null : info.text());
        if (!attributes.isOk()) {
            return Parsed.err(where + attributes.reason());
        }
        if (attributes.value().contains(InfoAttribute.CACHE)) {
            return Parsed.err(where + "'info' on events accepts user_count and subscription_count");
        }
        Parsed<String> push = push(fields.get("extras"), where);
        if (!push.isOk()) {
            return Parsed.err(push.reason());
        }
        return Parsed.ok(new TriggerRequest(name.text(), data.text(), channels.value(), excluded, attributes.value(),
                push.value()));
    }

    /** {@code extras.push}: absent, or an object (kept as its exact text). Other extras are ignored. */
    private static Parsed<String> push(Field extras, String where) {
        if (extras == null || extras.isNull()) {
            return Parsed.ok(null);
        }
        if (!extras.isObject()) {
            return Parsed.err(where + "'extras' must be an object");
        }
        Parsed<Map<String, Field>> fields = JsonObjectFields.parse(extras.raw());
        if (!fields.isOk()) {
            return Parsed.err(where + "'extras' is not valid JSON");
        }
        Field push = fields.value().get("push");
        if (push == null || push.isNull()) {
            return Parsed.ok(null);
        }
        if (!push.isObject()) {
            return Parsed.err(where + "'extras.push' must be an object (a Beams publish body)");
        }
        return Parsed.ok(push.raw());
    }

    private static Parsed<List<String>> channels(Map<String, Field> fields, String where) {
        Field many = fields.get("channels");
        Field one = fields.get("channel");
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        if (many != null && !many.isNull()) {
            if (!many.isArray()) {
                return Parsed.err(where + "'channels' must be an array of strings");
            }
            try {
                for (JsonNode element : Json.MAPPER.readTree(many.raw())) {
                    if (!element.isTextual()) {
                        return Parsed.err(where + "'channels' must be an array of strings");
                    }
                    names.add(element.textValue());
                }
            } catch (Exception e) {
                return Parsed.err(where + "'channels' is not valid JSON");
            }
        } else if (one != null && !one.isNull()) {
            if (!one.isString()) {
                return Parsed.err(where + "'channel' must be a string");
            }
            names.add(one.text());
        }
        if (names.isEmpty()) {
            return Parsed.err(where + "'channels' or 'channel' is required");
        }
        return Parsed.ok(List.copyOf(names));
    }
}
