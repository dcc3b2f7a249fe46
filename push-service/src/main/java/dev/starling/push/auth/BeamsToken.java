package dev.starling.push.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.protocol.Parsed;
import dev.starling.protocol.json.Json;
import dev.starling.protocol.push.BeamsNames;

/**
 * Verifies a Beams auth token, the JWT a server SDK's {@code generateToken(userId)} mints: HS256 keyed with the
 * instance's secret key, {@code sub} = the user id, {@code iss} = {@code https://{instanceId}.pushnotifications.pusher.com},
 * {@code exp} in the future. Only HS256 is accepted (never {@code none}); the signature is compared in constant
 * time before any claim is trusted.
 */
public final class BeamsToken {

    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

    private BeamsToken() {
    }

    /** The token's user id, or why it is refused. Never throws. */
    public static Parsed<String> verify(String token, String secretKey, String issuer, Clock clock) {
        if (token == null || token.isEmpty()) {
            return Parsed.err("missing token");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Parsed.err("not a JWT");
        }
        try {
            JsonNode header = Json.MAPPER.readTree(B64URL.decode(parts[0]));
            if (header == null || !"HS256".equals(header.path("alg").asText(null))) {
                return Parsed.err("the token must be signed with HS256");
            }
            byte[] expected = hmac(secretKey, parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, B64URL.decode(parts[2]))) {
                return Parsed.err("invalid signature");
            }
            JsonNode claims = Json.MAPPER.readTree(B64URL.decode(parts[1]));
            if (claims == null || !claims.isObject()) {
                return Parsed.err("invalid claims");
            }
            if (!claims.path("iss").isTextual() || !issuer.equals(claims.get("iss").textValue())) {
                return Parsed.err("the issuer must be " + issuer);
            }
            JsonNode exp = claims.get("exp");
            if (exp == null || !exp.isNumber()) {
                return Parsed.err("the token has no expiry");
            }
            if (exp.asLong() <= clock.millis() / 1000) {
                return Parsed.err("the token has expired");
            }
            JsonNode sub = claims.get("sub");
            if (sub == null || !sub.isTextual() || !BeamsNames.isValidUserId(sub.textValue())) {
                return Parsed.err("the token's subject must be a user id of 1 to " + BeamsNames.MAX_USER_ID_LENGTH
                        + " characters");
            }
            return Parsed.ok(sub.textValue());
        } catch (Exception e) {
            return Parsed.err("malformed token");
        }
    }

    static byte[] hmac(String secret, String message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.US_ASCII));
    }
}
