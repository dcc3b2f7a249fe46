package dev.starling.protocol.history;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.protocol.Parsed;
import dev.starling.protocol.json.Json;
import dev.starling.protocol.json.JsonText;

/**
 * The JSON of a {@link HistoryPage}, as history-service answers it and the gateways read it:
 * <pre>{@code
 * {"stream_id":"…","items":[{"message_id":"…","serial":4711,"event":"…","data":"…","user_id":"…","published_at_ms":…}],
 *  "oldest_serial":12,"newest_serial":4711,"written_through":4800,"has_more":true}
 * }</pre>
 * {@code user_id} is written only when present, {@code data} only when not {@code null}; {@code oldest_serial} and
 * {@code newest_serial} are {@code null} when the channel has nothing retained. Encoding is hand-written (one
 * fixed field order, strings escaped like {@code JSON.stringify}); decoding never throws and ignores unknown fields.
 */
public final class HistoryPageCodec {

    private HistoryPageCodec() {
    }

    public static String encode(HistoryPage page) {
        StringBuilder out = new StringBuilder(128 + page.items().size() * 128);
        out.append("{\"stream_id\":");
        JsonText.appendQuoted(out, page.streamId());
        out.append(",\"items\":[");
        for (int i = 0; i < page.items().size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            item(out, page.items().get(i));
        }
        out.append("],\"oldest_serial\":").append(page.oldestSerial())
                .append(",\"newest_serial\":").append(page.newestSerial())
                .append(",\"written_through\":").append(page.writtenThrough())
                .append(",\"has_more\":").append(page.hasMore())
                .append('}');
        return out.toString();
    }

    private static void item(StringBuilder out, HistoryItem item) {
        out.append("{\"message_id\":");
        JsonText.appendQuoted(out, item.messageId());
        out.append(",\"serial\":").append(item.serial());
        out.append(",\"event\":");
        JsonText.appendQuoted(out, item.event());
        if (item.data() != null) {
            out.append(",\"data\":");
            JsonText.appendQuoted(out, item.data());
        }
        if (item.userId() != null) {
            out.append(",\"user_id\":");
            JsonText.appendQuoted(out, item.userId());
        }
        out.append(",\"published_at_ms\":").append(item.publishedAtMs()).append('}');
    }

    /** Reads a page; never throws: a body that is not a well-formed page is an error naming the field. */
    public static Parsed<HistoryPage> decode(String json) {
        JsonNode root;
        try {
            root = json == null ? null : Json.MAPPER.readTree(json);
        } catch (Exception e) {
            return Parsed.err("not JSON: " + e.getClass().getSimpleName());
        }
        if (root == null || !root.isObject()) {
            return Parsed.err("not a JSON object");
        }
        JsonNode streamId = root.get("stream_id");
        if (streamId == null || !streamId.isTextual()) {
            return Parsed.err("stream_id: not a string");
        }
        JsonNode items = root.get("items");
        if (items == null || !items.isArray()) {
            return Parsed.err("items: not an array");
        }
        List<HistoryItem> decoded = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Parsed<HistoryItem> item = item(items.get(i));
            if (!item.isOk()) {
                return Parsed.err("items[" + i + "]." + item.reason());
            }
            decoded.add(item.value());
        }
        Parsed<Long> oldest = nullableLong(root, "oldest_serial");
        Parsed<Long> newest = nullableLong(root, "newest_serial");
        JsonNode writtenThrough = root.get("written_through");
        JsonNode hasMore = root.get("has_more");
        if (!oldest.isOk()) {
            return Parsed.err(oldest.reason());
        }
        if (!newest.isOk()) {
            return Parsed.err(newest.reason());
        }
        if (!isLong(writtenThrough)) {
            return Parsed.err("written_through: not an integer");
        }
        if (hasMore == null || !hasMore.isBoolean()) {
            return Parsed.err("has_more: not a boolean");
        }
        return Parsed.ok(new HistoryPage(streamId.textValue(), decoded, oldest.value(), newest.value(),
                writtenThrough.longValue(), hasMore.booleanValue()));
    }

    private static Parsed<HistoryItem> item(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Parsed.err("not an object");
        }
        JsonNode messageId = node.get("message_id");
        JsonNode serial = node.get("serial");
        JsonNode event = node.get("event");
        JsonNode data = node.get("data");
        JsonNode userId = node.get("user_id");
        JsonNode publishedAt = node.get("published_at_ms");
        if (messageId == null || !messageId.isTextual()) {
            return Parsed.err("message_id: not a string");
        }
        if (!isLong(serial)) {
            return Parsed.err("serial: not an integer");
        }
        if (event == null || !event.isTextual()) {
            return Parsed.err("event: not a string");
        }
        if (data != null && !data.isNull() && !data.isTextual()) {
            return Parsed.err("data: not a string");
        }
        if (userId != null && !userId.isNull() && !userId.isTextual()) {
            return Parsed.err("user_id: not a string");
        }
        if (!isLong(publishedAt)) {
            return Parsed.err("published_at_ms: not an integer");
        }
        return Parsed.ok(new HistoryItem(messageId.textValue(), serial.longValue(), event.textValue(),
                data == null || data.isNull() ? null : data.textValue(),
                userId == null || userId.isNull() ? null : userId.textValue(), publishedAt.longValue()));
    }

    private static Parsed<Long> nullableLong(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Parsed.ok(null);
        }
        return isLong(node) ? Parsed.ok(node.longValue()) : Parsed.err(field + ": not an integer or null");
    }

    private static boolean isLong(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToLong();
    }
}
