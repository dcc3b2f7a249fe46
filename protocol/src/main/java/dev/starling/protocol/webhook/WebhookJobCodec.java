package dev.starling.protocol.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.protocol.Parsed;
import dev.starling.protocol.json.Json;
import dev.starling.protocol.json.JsonText;

/**
 * The JSON form of {@link WebhookJob}, fields always in this order:
 * <pre>
 * {"type":"job","id":"&lt;uuid&gt;","app_id":"…","url":"…","headers":{"X-Pusher-Key":"…","X-Pusher-Signature":"…"},
 *  "body":"&lt;exact signed body&gt;","created_at_ms":…,"not_before_ms":…,"debounce_key":"…"|null}
 * {"type":"cancel","debounce_key":"…","job_id":"&lt;uuid&gt;","at_ms":…}
 * </pre>
 * The body is a JSON string, so the signed bytes survive exactly. Decoding never throws.
 */
public final class WebhookJobCodec {

    /** The topic name after the configured prefix ({@code starling.} by default). */
    public static final String TOPIC_SUFFIX = "webhooks";

    private WebhookJobCodec() {
    }

    /** The record key for a job or cancel about {@code channel} of {@code appId}. */
    public static String key(String appId, String channel) {
        return appId + "\n" + channel;
    }

    public static String encode(WebhookJob message) {
        StringBuilder out = new StringBuilder(256);
        switch (message) {
            case WebhookJob.Delivery job -> {
                out.append("{\"type\":\"job\",\"id\":");
                JsonText.appendQuoted(out, job.id());
                out.append(",\"app_id\":");
                JsonText.appendQuoted(out, job.appId());
                out.append(",\"url\":");
                JsonText.appendQuoted(out, job.url());
                out.append(",\"headers\":{");
                boolean first = true;
                for (Map.Entry<String, String> header : job.headers().entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    JsonText.appendQuoted(out, header.getKey()).append(':');
                    JsonText.appendQuoted(out, header.getValue());
                }
                out.append("},\"body\":");
                JsonText.appendQuoted(out, job.body());
                out.append(",\"created_at_ms\":").append(job.createdAtMs());
                out.append(",\"not_before_ms\":").append(job.notBeforeMs());
                out.append(",\"debounce_key\":");
                appendNullable(out, job.debounceKey());
                out.append('}');
            }
            case WebhookJob.Cancel cancel -> {
                out.append("{\"type\":\"cancel\",\"debounce_key\":");
                appendNullable(out, cancel.debounceKey());
                out.append(",\"job_id\":");
                JsonText.appendQuoted(out, cancel.jobId());
                out.append(",\"at_ms\":").append(cancel.atMs()).append('}');
            }
        }
        return out.toString();
    }

    public static byte[] encodeBytes(WebhookJob message) {
        return encode(message).getBytes(StandardCharsets.UTF_8);
    }

    public static Parsed<WebhookJob> decode(byte[] value) {
        if (value == null) {
            return Parsed.err("no value");
        }
        return decode(new String(value, StandardCharsets.UTF_8));
    }

    public static Parsed<WebhookJob> decode(String json) {
        JsonNode root;
        try {
            root = json == null ? null : Json.MAPPER.readTree(json);
        } catch (Exception | StackOverflowError e) {
            return Parsed.err("not JSON");
        }
        if (root == null || !root.isObject()) {
            return Parsed.err("expected a JSON object");
        }
        String type = root.path("type").isTextual() ? root.get("type").textValue() : "";
        return switch (type) {
            case "job" -> decodeJob(root);
            case "cancel" -> decodeCancel(root);
            default -> Parsed.err("'type' must be \"job\" or \"cancel\"");
        };
    }

    private static Parsed<WebhookJob> decodeJob(JsonNode root) {
        String id = nonEmpty(root, "id");
        String appId = nonEmpty(root, "app_id");
        String url = nonEmpty(root, "url");
        if (id == null || appId == null || url == null) {
            return Parsed.err("'id', 'app_id' and 'url' must be non-empty strings");
        }
        JsonNode headers = root.get("headers");
        if (headers == null || !headers.isObject()) {
            return Parsed.err("'headers' must be an object of strings");
        }
        Map<String, String> headerMap = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            if (!header.getValue().isTextual()) {
                return Parsed.err("'headers' must be an object of strings");
            }
            headerMap.put(header.getKey(), header.getValue().textValue());
        }
        JsonNode body = root.get("body");
        if (body == null || !body.isTextual()) {
            return Parsed.err("'body' must be a string");
        }
        Long created = integer(root, "created_at_ms");
        Long notBefore = integer(root, "not_before_ms");
        if (created == null || notBefore == null) {
            return Parsed.err("'created_at_ms' and 'not_before_ms' must be integers");
        }
        Parsed<String> debounceKey = nullableString(root, "debounce_key");
        if (!debounceKey.isOk()) {
            return Parsed.err(debounceKey.reason());
        }
        return Parsed.ok(new WebhookJob.Delivery(id, appId, url, headerMap, body.textValue(), created, notBefore,
                debounceKey.value()));
    }

    private static Parsed<WebhookJob> decodeCancel(JsonNode root) {
        String jobId = nonEmpty(root, "job_id");
        if (jobId == null) {
            return Parsed.err("'job_id' must be a non-empty string");
        }
        Parsed<String> debounceKey = nullableString(root, "debounce_key");
        if (!debounceKey.isOk()) {
            return Parsed.err(debounceKey.reason());
        }
        Long at = integer(root, "at_ms");
        if (at == null) {
            return Parsed.err("'at_ms' must be an integer");
        }
        return Parsed.ok(new WebhookJob.Cancel(debounceKey.value(), jobId, at));
    }

    private static void appendNullable(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
        } else {
            JsonText.appendQuoted(out, value);
        }
    }

    private static String nonEmpty(JsonNode root, String name) {
        JsonNode node = root.get(name);
        return node != null && node.isTextual() && !node.textValue().isEmpty() ? node.textValue() : null;
    }

    private static Parsed<String> nullableString(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return Parsed.ok(null);
        }
        return node.isTextual() ? Parsed.ok(node.textValue()) : Parsed.err("'" + name + "' must be a string or null");
    }

    private static Long integer(JsonNode root, String name) {
        JsonNode node = root.get(name);
        return node != null && node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
    }
}
