package dev.starling.gateway.util;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Percent-decoding of URL paths (RFC 3986): unlike a form value, a path keeps {@code '+'} as itself. */
public final class PathDecoding {

    private PathDecoding() {
    }

    /**
     * {@code raw} percent-decoded as UTF-8.
     *
     * @throws IllegalArgumentException if it holds a malformed escape
     */
    public static String decode(String raw) {
        return raw.indexOf('%') < 0 ? raw : URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
