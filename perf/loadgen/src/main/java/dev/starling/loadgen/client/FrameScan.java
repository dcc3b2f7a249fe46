package dev.starling.loadgen.client;

/**
 * Reads the few things a subscriber needs out of a server frame without parsing it into objects: the event name, the
 * socket id of {@code connection_established} and the numeric {@code lg_*} fields of a load event. Every delivery
 * passes through here, so it allocates nothing on the hot path.
 *
 * <p>Tolerant on purpose, to work against any Pusher-protocol server: whitespace after {@code :} is skipped, and the
 * numeric fields are found whether {@code data} is the JSON-encoded string the protocol prescribes
 * ({@code "data":"{\"lg_t\":1}"}) or an object ({@code "data":{"lg_t":1}}).
 */
public final class FrameScan {

    private static final String EVENT_KEY = "\"event\"";

    private FrameScan() {
    }

    /** Whether the frame's {@code event} is exactly {@code name}. */
    public static boolean isEvent(String frame, String name) {
        int value = eventValueStart(frame);
        return value >= 0 && frame.startsWith(name, value) && value + name.length() < frame.length()
                && frame.charAt(value + name.length()) == '"';
    }

    /** The frame's {@code event}, or {@code null} if it has none. */
    public static String event(String frame) {
        int value = eventValueStart(frame);
        if (value < 0) {
            return null;
        }
        int end = frame.indexOf('"', value);
        return end < 0 ? null : frame.substring(value, end);
    }

    /** Index of the first character of the event name (after the opening quote), or -1. */
    private static int eventValueStart(String frame) {
        int key = frame.indexOf(EVENT_KEY);
        if (key < 0) {
            return -1;
        }
        int i = skipSpaces(frame, key + EVENT_KEY.length());
        if (i >= frame.length() || frame.charAt(i) != ':') {
            return -1;
        }
        i = skipSpaces(frame, i + 1);
        return i < frame.length() && frame.charAt(i) == '"' ? i + 1 : -1;
    }

    /**
     * The first non-negative integer after {@code key} (skipping quotes, backslashes, colons and spaces), or
     * {@code -1} when the key is absent or not followed by a number.
     */
    public static long longField(String frame, String key) {
        return longField(frame, key, 0);
    }

    public static long longField(String frame, String key, int from) {
        int at = frame.indexOf(key, from);
        if (at < 0) {
            return -1;
        }
        int i = at + key.length();
        while (i < frame.length()) {
            char c = frame.charAt(i);
            if (c == '"' || c == '\\' || c == ':' || c == ' ') {
                i++;
            } else {
                break;
            }
        }
        long value = 0;
        int digits = 0;
        while (i < frame.length()) {
            char c = frame.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
            digits++;
            i++;
        }
        return digits == 0 ? -1 : value;
    }

    /** The {@code socket_id} of a {@code pusher:connection_established} frame ({@code \d+\.\d+}), or {@code null}. */
    public static String socketId(String frame) {
        int at = frame.indexOf("socket_id");
        if (at < 0) {
            return null;
        }
        int i = at + "socket_id".length();
        while (i < frame.length() && !Character.isDigit(frame.charAt(i))) {
            if (frame.charAt(i) == ',' || frame.charAt(i) == '}') {
                return null;
            }
            i++;
        }
        int start = i;
        while (i < frame.length() && (Character.isDigit(frame.charAt(i)) || frame.charAt(i) == '.')) {
            i++;
        }
        return i > start ? frame.substring(start, i) : null;
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
