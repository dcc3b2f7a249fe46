package dev.starling.push.device;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.protocol.Parsed;
import dev.starling.protocol.json.Json;

/**
 * A browser's push subscription, as the Beams web SDK registers it: the device token is
 * {@code btoa(JSON.stringify(subscription))}, i.e. base64 of {@code {"endpoint":…,"expirationTime":…,
 * "keys":{"p256dh":…,"auth":…}}}. The keys are the subscription's P-256 public key (65 bytes, uncompressed) and its
 * 16-byte auth secret, base64url as browsers write them.
 */
public record WebSubscription(String endpoint, byte[] p256dh, byte[] auth) {

    /** Parses and checks a token; never throws. The endpoint allowlist is checked separately. */
    public static Parsed<WebSubscription> parse(String token) {
        if (token == null || token.isEmpty() || token.length() > 8192) {
            return Parsed.err("the token must be a base64-encoded push subscription");
        }
        try {
            String json = new String(Base64.getMimeDecoder().decode(token.replace('-', '+').replace('_', '/')),
                    StandardCharsets.UTF_8);
            JsonNode root = Json.MAPPER.readTree(json);
            if (root == null || !root.isObject()) {
                return Parsed.err("the token is not a push subscription");
            }
            String endpoint = root.path("endpoint").asText("");
            URI uri = URI.create(endpoint);
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                return Parsed.err("the subscription's endpoint must be an http(s) URL");
            }
            byte[] p256dh = urlDecode(root.path("keys").path("p256dh").asText(""));
            byte[] auth = urlDecode(root.path("keys").path("auth").asText(""));
            if (p256dh.length != 65 || p256dh[0] != 4) {
                return Parsed.err("keys.p256dh must be an uncompressed P-256 public key");
            }
            if (auth.length != 16) {
                return Parsed.err("keys.auth must be a 16-byte secret");
            }
            return Parsed.ok(new WebSubscription(endpoint, p256dh, auth));
        } catch (RuntimeException | java.io.IOException e) {
            return Parsed.err("the token is not a base64-encoded push subscription");
        }
    }

    private static byte[] urlDecode(String value) {
        return Base64.getUrlDecoder().decode(value.replace('+', '-').replace('/', '_').replace("=", ""));
    }
}
