package dev.starling.loadgen.publish;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import dev.starling.protocol.auth.ApiSignature;
import dev.starling.protocol.auth.Hmac;

/** Signs {@code POST /apps/{id}/events} requests the way every Pusher server SDK does (see {@link ApiSignature}). */
public final class EventSigner {

    private final String path;
    private final String key;
    private final String secret;

    public EventSigner(String appId, String key, String secret) {
        this.path = "/apps/" + appId + "/events";
        this.key = key;
        this.secret = secret;
    }

    /** The request URI (path and signed query) for {@code body} at {@code epochSeconds}. */
    public String uri(byte[] body, long epochSeconds) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put(ApiSignature.AUTH_KEY, key);
        query.put(ApiSignature.AUTH_TIMESTAMP, Long.toString(epochSeconds));
        query.put(ApiSignature.AUTH_VERSION, "1.0");
        query.put(ApiSignature.BODY_MD5, Hmac.md5Hex(body));
        query.put(ApiSignature.AUTH_SIGNATURE, ApiSignature.sign(secret, "POST", path, query));
        return path + "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public String path() {
        return path;
    }
}
