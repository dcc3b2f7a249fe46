package dev.starling.protocol.push;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.protocol.Parsed;
import dev.starling.protocol.json.Json;
import dev.starling.protocol.json.JsonObjectFields;
import dev.starling.protocol.json.JsonObjectFields.Field;
import dev.starling.protocol.json.JsonText;

/**
 * The JSON form of a {@link PushPublish} on the {@code {prefix}push} topic:
 * {@code {"type":"publish","publish_id":"pubid-…","instance_id":"…","interests":[…]|null,"users":[…]|null,
 * "request":{…},"accepted_at_ms":…}}, fields always in that order. The {@code request} object is written verbatim.
 * Decoding checks the structure (not Beams' name rules, which are the consumer's) and never throws.
 */
public final class PushPublishCodec {

    /** The topic name after the configured prefix ({@code starling.} by default). */
    public static final String TOPIC_SUFFIX = "push";

    private static final String TYPE = "publish";

    private PushPublishCodec() {
    }

    /** The record key: publishes of one instance share a partition. */
    public static String key(PushPublish publish) {
        return publish.instanceId();
    }

    public static String encode(PushPublish p) {
        StringBuilder out = new StringBuilder(128 + p.request().length());
        out.append("{\"type\":\"").append(TYPE).append("\",\"publish_id\":");
        JsonText.appendQuoted(out, p.publishId());
        out.append(",\"instance_id\":");
        JsonText.appendQuoted(out, p.instanceId());
        out.append(",\"interests\":");
        appendList(out, p.interests());
        out.append(",\"users\":");
        appendList(out, p.users());
        out.append(",\"request\":").append(p.request());
        return out.append(",\"accepted_at_ms\":").append(p.acceptedAtMs()).append('}').toString();
    }

    public static byte[] encodeBytes(PushPublish publish) {
        return encode(publish).getBytes(StandardCharsets.UTF_8);
    }

    public static Parsed<PushPublish> decode(byte[] value) {
        if (value == null) {
            return Parsed.err("no value");
        }
        return decode(new String(value, StandardCharsets.UTF_8));
    }

    public static Parsed<PushPublish> decode(String json) {
        Parsed<Map<String, Field>> parsed = JsonObjectFields.parse(json);
        if (!parsed.isOk()) {
            return Parsed.err(parsed.reason());
        }
        Map<String, Field> fields = parsed.value();
        Field type = fields.get("type");
        if (type == null || !type.isString() || !TYPE.equals(type.text())) {
            return Parsed.err("'type' must be \"" + TYPE + "\"");
        }
        String publishId = nonEmptyString(fields, "publish_id");
        String instanceId = nonEmptyString(fields, "instance_id");
        if (publishId == null || instanceId == null) {
            return Parsed.err("'publish_id' and 'instance_id' must be non-empty strings");
        }
        Parsed<List<String>> interests = stringListOrNull(fields.get("interests"), "interests");
        Parsed<List<String>> users = stringListOrNull(fields.get("users"), "users");
        if (!interests.isOk()) {
            return Parsed.err(interests.reason());
        }
        if (!users.isOk()) {
            return Parsed.err(users.reason());
        }
        if ((interests.value() == null) == (users.value() == null)) {
            return Parsed.err("exactly one of 'interests' and 'users' must be an array");
        }
        Field request = fields.get("request");
        if (request == null || !request.isObject()) {
            return Parsed.err("'request' must be a JSON object");
        }
        Field accepted = fields.get("accepted_at_ms");
        if (accepted == null || !accepted.isNumber()) {
            return Parsed.err("'accepted_at_ms' must be a number");
        }
        long acceptedAtMs;
        try {
            acceptedAtMs = Long.parseLong(accepted.raw());
        } catch (NumberFormatException e) {
            return Parsed.err("'accepted_at_ms' must be an integer");
        }
        return Parsed.ok(new PushPublish(publishId, instanceId, interests.value(), users.value(), request.raw(),
                acceptedAtMs));
    }

    private static void appendList(StringBuilder out, List<String> values) {
        if (values == null) {
            out.append("null");
            return;
        }
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            JsonText.appendQuoted(out, values.get(i));
        }
        out.append(']');
    }

    private static String nonEmptyString(Map<String, Field> fields, String name) {
        Field field = fields.get(name);
        return field != null && field.isString() && !field.text().isEmpty() ? field.text() : null;
    }

    private static Parsed<List<String>> stringListOrNull(Field field, String name) {
        if (field == null || field.isNull()) {
            return Parsed.ok(null);
        }
        if (!field.isArray()) {
            return Parsed.err("'" + name + "' must be an array or null");
        }
        JsonNode array;
        try {
            array = Json.MAPPER.readTree(field.raw());
        } catch (Exception e) {
            return Parsed.err("'" + name + "' is not valid JSON");
        }
        List<String> values = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                return Parsed.err("'" + name + "' must hold strings only");
            }
            values.add(element.textValue());
        }
        return Parsed.ok(values);
    }
}
