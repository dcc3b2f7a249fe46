package dev.starling.gateway.api;

import dev.starling.gateway.util.PathDecoding;
import io.vertx.core.http.HttpServerRequest;

/**
 * The request path as the client sent it, percent-decoded. That is what the SDKs sign, and where channel names and
 * user ids are read from: JAX-RS path parameters would stop at {@code ;} (a matrix parameter to it, but a legal
 * character of channel names).
 */
final class RequestPath {

    private RequestPath() {
    }

    static String of(HttpServerRequest request) {
        String raw = request.path();
        try {
            return PathDecoding.decode(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Malformed percent-encoding in the request path");
        }
    }

    /** The part of {@code path} between {@code prefix} and {@code suffix} (a name taken from the path). */
    static String between(String path, String prefix, String suffix) {
        if (!path.startsWith(prefix) || !path.endsWith(suffix) || path.length() < prefix.length() + suffix.length()) {
            throw ApiException.badRequest("Unexpected request path " + path);
        }
        return path.substring(prefix.length(), path.length() - suffix.length());
    }
}
