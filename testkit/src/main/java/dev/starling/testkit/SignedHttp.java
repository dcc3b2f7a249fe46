package dev.starling.testkit;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import dev.starling.protocol.auth.ApiSignature;
import dev.starling.protocol.auth.Hmac;

/**
 * Signed HTTP API requests made by hand, for what the SDKs will not send: stale timestamps, wrong signatures,
 * oversized or malformed bodies, {@code #server-to-user-} channels.
 */
public final class SignedHttp {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private SignedHttp() {
    }

    public static HttpResponse<String> post(int port, AppCredentials app, String path, String body) {
        return send(port, app, "POST", path, body, Map.of(), System.currentTimeMillis() / 1000);
    }

    public static HttpResponse<String> get(int port, AppCredentials app, String path, Map<String, String> query) {
        return send(port, app, "GET", path, null, query, System.currentTimeMillis() / 1000);
    }

    /** A request signed with {@code app}'s credentials at {@code timestampSeconds}. */
    public static HttpResponse<String> send(int port, AppCredentials app, String method, String path, String body,
            Map<String, String> extraQuery, long timestampSeconds) {
        Map<String, String> query = new LinkedHashMap<>(extraQuery);
        query.put(ApiSignature.AUTH_KEY, app.key());
        query.put(ApiSignature.AUTH_TIMESTAMP, Long.toString(timestampSeconds));
        query.put(ApiSignature.AUTH_VERSION, "1.0");
        if (body != null && !body.isEmpty()) {
            query.put(ApiSignature.BODY_MD5, Hmac.md5Hex(body.getBytes(StandardCharsets.UTF_8)));
        }
        query.put(ApiSignature.AUTH_SIGNATURE, ApiSignature.sign(app.secret(), method, path, query));
        return raw(port, method, path, query, body);
    }

    /** A request with exactly the given query (no signing). */
    public static HttpResponse<String> raw(int port, String method, String path, Map<String, String> query, String body) {
        String queryString = query.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path
                + (queryString.isEmpty() ? "" : "?" + queryString)));
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        request.method(method, publisher).header("Content-Type", "application/json");
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
