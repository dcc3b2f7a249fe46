package dev.starling.history.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.starling.history.store.MessageQuery;

/**
 * Validates the query string of {@code GET /v1/apps/{appId}/channels/{channel}/messages} into a {@link MessageQuery}.
 * Bounds combine: {@code after_serial}/{@code before_serial} are exclusive, {@code from_serial}/{@code to_serial}
 * inclusive, {@code since_ms} keeps rows published at or after it; bounds that exclude everything give an empty
 * page, not an error. {@code direction} defaults to {@code backwards} (newest first), {@code limit} to the largest
 * page. Unknown parameters are ignored.
 */
final class QueryParameters {

    static final Set<String> SERIAL_BOUNDS = Set.of("after_serial", "before_serial", "from_serial", "to_serial");

    private QueryParameters() {
    }

    static MessageQuery parse(String appId, String channel, Map<String, List<String>> parameters, int maxPageSize) {
        if (appId == null || appId.isEmpty()) {
            throw new BadParameter("appId", "app id is empty");
        }
        if (channel == null || channel.isEmpty()) {
            throw new BadParameter("channel", "channel is empty");
        }
        String streamId = single(parameters, "stream_id");
        if (streamId == null || streamId.isEmpty()) {
            throw new BadParameter("stream_id", "stream_id is required");
        }
        String direction = single(parameters, "direction");
        boolean forwards;
        if (direction == null || direction.equals("backwards")) {
            forwards = false;
        } else if (direction.equals("forwards")) {
            forwards = true;
        } else {
            throw new BadParameter("direction", "direction must be forwards or backwards");
        }
        long lowest = Long.MIN_VALUE;
        long highest = Long.MAX_VALUE;
        Long after = number(parameters, "after_serial");
        Long before = number(parameters, "before_serial");
        Long from = number(parameters, "from_serial");
        Long to = number(parameters, "to_serial");
        boolean empty = false;
        if (after != null) {
            empty |= after == Long.MAX_VALUE;
            lowest = Math.max(lowest, after == Long.MAX_VALUE ? Long.MAX_VALUE : after + 1);
        }
        if (from != null) {
            lowest = Math.max(lowest, from);
        }
        if (before != null) {
            empty |= before == Long.MIN_VALUE;
            highest = Math.min(highest, before == Long.MIN_VALUE ? Long.MIN_VALUE : before - 1);
        }
        if (to != null) {
            highest = Math.min(highest, to);
        }
        if (empty) {
            lowest = 1;
            highest = 0;
        }
        Long since = number(parameters, "since_ms");
        if (since != null && since < 0) {
            throw new BadParameter("since_ms", "since_ms must not be negative");
        }
        Long limit = number(parameters, "limit");
        if (limit != null && (limit < 1 || limit > maxPageSize)) {
            throw new BadParameter("limit", "limit must be between 1 and " + maxPageSize);
        }
        return new MessageQuery(appId, channel, streamId, lowest, highest, since == null ? Long.MIN_VALUE : since,
                forwards, limit == null ? maxPageSize : limit.intValue());
    }

    private static String single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadParameter(name, name + " is given more than once");
        }
        return values.getFirst();
    }

    private static Long number(Map<String, List<String>> parameters, String name) {
        String value = single(parameters, name);
        if (value == null) {
            return null;
        }
        if (!value.matches("-?[0-9]{1,19}")) {
            throw new BadParameter(name, name + " must be an integer");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadParameter(name, name + " is out of range");
        }
    }
}
