package dev.starling.protocol.json;

/**
 * Writes JSON string literals exactly as JavaScript's {@code JSON.stringify} does, so that frames Starling
 * produces are byte-identical to those of the reference implementation: {@code "} and {@code \} are escaped,
 * control characters use the short escapes ({@code \b \f \n \r \t}) or {@code \}{@code u00xx} with lowercase
 * hex, unpaired surrogates are escaped, and everything else (including {@code /} and non-ASCII) is written as is.
 */
public final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /** Returns {@code value} as a quoted JSON string literal. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        appendQuoted(out, value);
        return out.toString();
    }

    /** Appends {@code value} as a quoted JSON string literal. */
    public static StringBuilder appendQuoted(StringBuilder out, String value) {
        out.append('"');
        appendEscaped(out, value);
        return out.append('"');
    }

    /** Appends the escaped contents of {@code value} without the surrounding quotes. */
    public static StringBuilder appendEscaped(StringBuilder out, String value) {
        int length = value.length();
        int plainFrom = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            String shortEscape = shortEscape(c);
            boolean loneSurrogate = Character.isSurrogate(c) && !pairedSurrogate(value, i);
            if (shortEscape == null && c >= 0x20 && !loneSurrogate) {
                if (Character.isHighSurrogate(c)) {
                    i++; // keep the pair together
                }
                continue;
            }
            out.append(value, plainFrom, i);
            if (shortEscape != null) {
                out.append(shortEscape);
            } else {
                out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                        .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            }
            plainFrom = i + 1;
        }
        return out.append(value, plainFrom, length);
    }

    private static String shortEscape(char c) {
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> null;
        };
    }

    private static boolean pairedSurrogate(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }
}
