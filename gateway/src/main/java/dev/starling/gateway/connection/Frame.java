package dev.starling.gateway.connection;

import java.nio.charset.StandardCharsets;

/**
 * An encoded text frame: its text and its UTF-8 bytes. A broadcast builds one {@code Frame} and hands the same object
 * to every subscriber, so the text is encoded once, not per recipient; each socket write wraps the same bytes.
 */
public record Frame(String text, byte[] utf8) {

    public static Frame of(String text) {
        return new Frame(text, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Size in UTF-8 bytes. */
    public int bytes() {
        return utf8.length;
    }

    /**
     * The UTF-8 length of {@code text} without encoding it, for size limits on text that is not sent as it is
     * (unpaired surrogates count as 3, an overestimate: encoders write them as '?').
     */
    public static int utf8Length(String text) {
        int length = text.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 2; // 4 bytes for the pair of 2 chars
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }
}
