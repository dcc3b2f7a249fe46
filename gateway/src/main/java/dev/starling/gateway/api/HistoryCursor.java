package dev.starling.gateway.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code cursor} of the history API: the query it continues (direction and bounds), its stream, and the
 * serial of the last item already returned. A cursor is valid only with the query it came from.
 */
record HistoryCursor(boolean forwards, Long fromSerial, Long toSerial, String streamId, long lastSerial) {

    String encode() {
        String text = (forwards ? "f" : "b") + "|" + (fromSerial == null ? "" : fromSerial) + "|"
                + (toSerial == null ? "" : toSerial) + "|" + lastSerial + "|" + streamId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor; throws a 400 naming {@code cursor} when it is not one of ours. */
    static HistoryCursor decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = text.split("\\|", 5);
            if (parts.length != 5 || !(parts[0].equals("f") || parts[0].equals("b")) || parts[4].isEmpty()) {
                throw invalid();
            }
            return new HistoryCursor(parts[0].equals("f"), optional(parts[1]), optional(parts[2]), parts[4],
                    Long.parseLong(parts[3]));
        } catch (IllegalArgumentException e) { // bad Base64 or numbers
            throw invalid();
        }
    }

    private static Long optional(String part) {
        return part.isEmpty() ? null : Long.parseLong(part);
    }

    private static ApiException invalid() {
        return ApiException.badParameter("cursor", "'cursor' is not a cursor this API returned");
    }
}
