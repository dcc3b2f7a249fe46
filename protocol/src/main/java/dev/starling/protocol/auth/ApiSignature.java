package dev.starling.protocol.auth;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * HTTP API request signing: {@code auth_signature = hex(HMAC-SHA256(secret, "METHOD\n/path\nsorted_query"))}, where
 * the query holds every parameter but {@code auth_signature}, keys lowercased, sorted by key, joined with
 * {@code &} and not URL-escaped.
 */
public final class ApiSignature {

    public static final String AUTH_KEY = "auth_key";
    public static final String AUTH_TIMESTAMP = "auth_timestamp";
    public static final String AUTH_VERSION = "auth_version";
    public static final String AUTH_SIGNATURE = "auth_signature";
    public static final String BODY_MD5 = "body_md5";

    private ApiSignature() {
    }

    /**
     * The string to sign. {@code query} maps each parameter (already URL-decoded) to its value; a parameter given
     * several times is represented by its values joined with {@code ,} by the caller, as the SDKs do for arrays.
     */
    public static String stringToSign(String method, String path, Map<String, String> query) {
        Map<String, String> sorted = new TreeMap<>();
        query.forEach((k, v) -> {
            String key = k.toLowerCase(java.util.Locale.ROOT);
            if (!AUTH_SIGNATURE.equals(key)) {
                sorted.put(key, v);
            }
        });
        String joined = sorted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        return method.toUpperCase(java.util.Locale.ROOT) + "\n" + path + "\n" + joined;
    }

    public static String sign(String secret, String method, String path, Map<String, String> query) {
        return Hmac.sha256Hex(secret, stringToSign(method, path, query));
    }

    /** Checks {@code query}'s {@code auth_signature} in constant time. */
    public static boolean verify(String secret, String method, String path, Map<String, String> query) {
        String given = query.get(AUTH_SIGNATURE);
        return given != null && Hmac.constantTimeEquals(sign(secret, method, path, query), given);
    }
}
