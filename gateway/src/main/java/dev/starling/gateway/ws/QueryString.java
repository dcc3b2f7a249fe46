package dev.starling.gateway.ws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Reads one parameter of a raw query string. */
final class QueryString {

    private QueryString() {
    }

    /** The decoded value of the first {@code name} parameter, {@code ""} when it has no value, {@code null} if absent. */
    static String parameter(String query, String name) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (decode(key).equals(name)) {
                return eq < 0 ? "" : decode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
