package dev.starling.protocol.frame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import dev.starling.protocol.json.JsonText;

/**
 * Seeded generators for the property tests: random text, random JSON, valid client frames with the frame each must
 * decode to, and byte-level mutations. Everything comes from the one {@link Random}, so a seed replays a run.
 */
final class RandomInputs {

    /** A generated input and what it must decode to. */
    record Case(String text, ClientFrame expected) {
    }

    private static final char[] HEX_LOWER = "0123456789abcdef".toCharArray();
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
    private static final String STRUCTURAL = "\"\\/{}[]:,";
    private static final byte[] INTERESTING_BYTES = "{}[]\":,\\ 0-e.tnfu".getBytes(StandardCharsets.US_ASCII);

    private final Random random;

    RandomInputs(Random random) {
        this.random = random;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean nextBoolean() {
        return random.nextBoolean();
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    // --- text

    /**
     * At most {@code maxLength} UTF-16 chars of every kind: controls, JSON punctuation, lone surrogates,
     * supplementary characters, the rest of the BMP, printable ASCII.
     */
    String unicodeString(int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder out = new StringBuilder(length + 1);
        while (out.length() < length) {
            switch (random.nextInt(12)) {
                case 0 -> out.append((char) random.nextInt(0x20));
                case 1, 2 -> out.append(STRUCTURAL.charAt(random.nextInt(STRUCTURAL.length())));
                case 3 -> out.append((char) (0xD800 + random.nextInt(0x800)));
                case 4 -> out.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000 + 1));
                case 5 -> out.append((char) (0x80 + random.nextInt(0xD800 - 0x80)));
                case 6 -> out.append((char) (0xE000 + random.nextInt(0x10000 - 0xE000)));
                default -> out.append((char) (0x20 + random.nextInt(0x7F - 0x20)));
            }
        }
        out.setLength(length); // a final pair may overshoot by one; cutting it leaves a lone surrogate, also wanted
        return out.toString();
    }

    /** A non-empty string of at most {@code maxLength} characters. */
    String nonEmptyString(int maxLength) {
        String value = unicodeString(maxLength - 1);
        return value + (char) ('a' + random.nextInt(26));
    }

    /** {@code value} as a JSON string literal: either as JSON.stringify writes it, or all-ASCII with escapes. */
    String quote(String value) {
        return random.nextBoolean() ? JsonText.quote(value) : asciiQuote(value);
    }

    /** A JSON string literal that escapes everything outside printable ASCII with mixed-case {@code \}u escapes. */
    String asciiQuote(String value) {
        StringBuilder out = new StringBuilder(value.length() * 2 + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.append("\\\"");
            } else if (c == '\\') {
                out.append("\\\\");
            } else if (c == '/' && random.nextBoolean()) {
                out.append("\\/");
            } else if (c >= 0x20 && c < 0x7F && random.nextInt(8) > 0) {
                out.append(c);
            } else {
                char[] hex = random.nextBoolean() ? HEX_LOWER : HEX_UPPER;
                out.append('\\').append('u').append(hex[(c >> 12) & 0xF]).append(hex[(c >> 8) & 0xF])
                        .append(hex[(c >> 4) & 0xF]).append(hex[c & 0xF]);
            }
        }
        return out.append('"').toString();
    }

    // --- JSON

    /** Optional JSON whitespace. */
    String ws() {
        if (random.nextInt(3) > 0) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            out.append(" \t\n\r".charAt(random.nextInt(4)));
        }
        return out.toString();
    }

    /** The text of a random JSON value (any kind) nested at most {@code depth} levels. */
    String jsonValue(int depth) {
        int kinds = depth <= 0 ? 5 : 7;
        return switch (random.nextInt(kinds)) {
            case 0, 1 -> jsonString();
            case 2 -> jsonNumber();
            case 3 -> random.nextBoolean() ? "true" : "false";
            case 4 -> "null";
            case 5 -> jsonObject(depth - 1);
            default -> jsonArray(depth - 1);
        };
    }

    /** The text of a random JSON object, from its opening to its closing brace, with whitespace inside. */
    String jsonObject(int depth) {
        StringBuilder out = new StringBuilder("{").append(ws());
        int members = random.nextInt(5);
        for (int i = 0; i < members; i++) {
            if (i > 0) {
                out.append(',').append(ws());
            }
            out.append(jsonString()).append(ws()).append(':').append(ws()).append(jsonValue(depth)).append(ws());
        }
        return out.append('}').toString();
    }

    String jsonArray(int depth) {
        StringBuilder out = new StringBuilder("[").append(ws());
        int elements = random.nextInt(5);
        for (int i = 0; i < elements; i++) {
            if (i > 0) {
                out.append(',').append(ws());
            }
            out.append(jsonValue(depth)).append(ws());
        }
        return out.append(']').toString();
    }

    /** A JSON string literal mixing raw characters (lone surrogates included) and every kind of escape. */
    String jsonString() {
        StringBuilder out = new StringBuilder("\"");
        int pieces = random.nextInt(12);
        for (int i = 0; i < pieces; i++) {
            switch (random.nextInt(10)) {
                case 0 -> out.append('\\').append("\"\\/bfnrt".charAt(random.nextInt(8)));
                case 1 -> {
                    char c = (char) random.nextInt(0x10000);
                    char[] hex = random.nextBoolean() ? HEX_LOWER : HEX_UPPER;
                    out.append("\\u").append(hex[(c >> 12) & 0xF]).append(hex[(c >> 8) & 0xF])
                            .append(hex[(c >> 4) & 0xF]).append(hex[c & 0xF]);
                }
                case 2 -> out.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000 + 1));
                case 3 -> out.append((char) (0x80 + random.nextInt(0xD800 - 0x80)));
                case 4 -> out.append((char) (0xD800 + random.nextInt(0x800)));
                default -> {
                    char c = (char) (0x20 + random.nextInt(0x7F - 0x20));
                    out.append(c == '"' || c == '\\' ? 'x' : c);
                }
            }
        }
        return out.append('"').toString();
    }

    String jsonNumber() {
        StringBuilder out = new StringBuilder();
        if (random.nextBoolean()) {
            out.append('-');
        }
        if (random.nextInt(4) == 0) {
            out.append('0');
        } else {
            out.append((char) ('1' + random.nextInt(9)));
            int digits = random.nextInt(18);
            for (int i = 0; i < digits; i++) {
                out.append((char) ('0' + random.nextInt(10)));
            }
        }
        if (random.nextInt(3) == 0) {
            out.append('.');
            int digits = 1 + random.nextInt(6);
            for (int i = 0; i < digits; i++) {
                out.append((char) ('0' + random.nextInt(10)));
            }
        }
        if (random.nextInt(4) == 0) {
            out.append(random.nextBoolean() ? 'e' : 'E');
            int sign = random.nextInt(3);
            if (sign == 1) {
                out.append('+');
            } else if (sign == 2) {
                out.append('-');
            }
            int digits = 1 + random.nextInt(3);
            for (int i = 0; i < digits; i++) {
                out.append((char) ('0' + random.nextInt(10)));
            }
        }
        return out.toString();
    }

    /** A JSON object text made of the given members ({@code "key":value} texts) in random order and spacing. */
    String objectOf(List<String> members) {
        List<String> shuffled = new ArrayList<>(members);
        Collections.shuffle(shuffled, random);
        StringBuilder out = new StringBuilder("{").append(ws());
        for (int i = 0; i < shuffled.size(); i++) {
            if (i > 0) {
                out.append(',').append(ws());
            }
            out.append(shuffled.get(i)).append(ws());
        }
        return out.append('}').toString();
    }

    String member(String key, String valueText) {
        return "\"" + key + "\"" + ws() + ":" + ws() + valueText;
    }

    // --- client frames

    /** A valid client frame of a random kind, with the frame it must decode to. */
    Case validFrame() {
        return switch (random.nextInt(9)) {
            case 0 -> new Case(random.nextBoolean()
                    ? objectOf(List.of(member("event", "\"pusher:ping\""), member("data", jsonValue(2))))
                    : objectOf(List.of(member("event", "\"pusher:ping\""))), new ClientFrame.Ping());
            case 1 -> new Case(objectOf(List.of(member("event", "\"pusher:pong\""), member("data", "{}"))),
                    new ClientFrame.Pong());
            case 2 -> subscribe();
            case 3 -> {
                String channel = unicodeString(30);
                String data = objectOf(List.of(member("channel", quote(channel))));
                String frame = objectOf(List.of(member("event", "\"pusher:unsubscribe\""), member("data", maybeAsString(data))));
                yield new Case(frame, new ClientFrame.Unsubscribe(channel));
            }
            case 4 -> {
                String auth = unicodeString(80);
                String userData = "{\"id\":" + JsonText.quote(unicodeString(20)) + "}";
                String data = objectOf(List.of(member("auth", quote(auth)), member("user_data", quote(userData))));
                yield new Case(objectOf(List.of(member("event", "\"pusher:signin\""), member("data", maybeAsString(data)))),
                        new ClientFrame.Signin(auth, userData));
            }
            case 5, 6 -> clientEvent();
            case 7 -> {
                String event = "pusher:x" + unicodeString(20);
                yield new Case(objectOf(List.of(member("event", quote(event)), member("data", jsonValue(2)))),
                        new ClientFrame.Unknown(event));
            }
            default -> {
                String event = "e" + unicodeString(20);
                yield new Case(objectOf(List.of(member("event", quote(event)), member("channel", quote("c")))),
                        new ClientFrame.Unknown(event));
            }
        };
    }

    private Case subscribe() {
        String channel = unicodeString(40);
        String auth = random.nextBoolean() ? unicodeString(80) : null;
        String channelData = random.nextBoolean() ? jsonObject(2) : null;
        List<String> members = new ArrayList<>();
        members.add(member("channel", quote(channel)));
        if (auth != null) {
            members.add(member("auth", quote(auth)));
        }
        if (channelData != null) {
            members.add(member("channel_data", quote(channelData)));
        }
        String data = objectOf(members);
        return new Case(objectOf(List.of(member("event", "\"pusher:subscribe\""), member("data", maybeAsString(data)))),
                new ClientFrame.Subscribe(channel, auth, channelData));
    }

    private Case clientEvent() {
        String event = "client-" + unicodeString(20);
        String channel = random.nextInt(4) == 0 ? null : unicodeString(40);
        List<String> members = new ArrayList<>();
        members.add(member("event", quote(event)));
        if (channel != null) {
            members.add(member("channel", quote(channel)));
        }
        String data;
        switch (random.nextInt(4)) {
            case 0 -> {
                data = unicodeString(60);
                members.add(member("data", quote(data)));
            }
            case 1 -> {
                data = null;
            }
            default -> {
                data = jsonValue(4);
                if (data.startsWith("\"")) {
                    data = jsonObject(3);
                }
                members.add(member("data", data));
            }
        }
        return new Case(objectOf(members), new ClientFrame.ClientEvent(event, channel, data));
    }

    /** The object text itself, or (half the time) a JSON string holding it, as clients may send data. */
    private String maybeAsString(String objectText) {
        return random.nextBoolean() ? objectText : quote(objectText);
    }

    // --- mutation

    /** One to four byte-level edits (delete, insert, duplicate, truncate, replace) of {@code valid}'s UTF-8 bytes. */
    String mutate(String valid) {
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            bytes = switch (random.nextInt(5)) {
                case 0 -> bytes.length == 0 ? bytes : splice(bytes, at, 1, new byte[0]);
                case 1 -> splice(bytes, at, 0, new byte[] {randomByte()});
                case 2 -> {
                    int length = Math.min(bytes.length - at, 1 + random.nextInt(16));
                    byte[] copy = new byte[length];
                    System.arraycopy(bytes, at, copy, 0, length);
                    yield splice(bytes, at, 0, copy);
                }
                case 3 -> splice(bytes, at, bytes.length - at, new byte[0]);
                default -> bytes.length == 0 ? bytes : splice(bytes, at, 1, new byte[] {randomByte()});
            };
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private byte randomByte() {
        return random.nextBoolean() ? INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)] : (byte) random.nextInt(256);
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        byte[] out = new byte[bytes.length - remove + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
        return out;
    }

    /** Printable form of an input for assertion messages: quoted, escaped and cut to a readable length. */
    static String show(String input) {
        if (input == null) {
            return "null";
        }
        String quoted = JsonText.quote(input);
        return quoted.length() <= 400 ? quoted : quoted.substring(0, 400) + "…(" + input.length() + " chars)";
    }
}
