package dev.starling.gateway.connection;

/**
 * An encoded text frame and its size in UTF-8 bytes. A broadcast builds one {@code Frame} and hands the same object
 * to every subscriber, so the size is computed once, not per recipient.
 */
public record Frame(String text, int bytes) {

    public static Frame of(String text) {
        return new Frame(text, utf8Length(text));
    }

    static int utf8Length(String text) {
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
