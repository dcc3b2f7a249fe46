package dev.starling.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hex HMAC-SHA256 and MD5 as used by every Pusher signature, and constant-time comparison. */
public final class Hmac {

    private static final HexFormat HEX = HexFormat.of();

    private Hmac() {
    }

    /** Lowercase hex HMAC-SHA256 of the UTF-8 bytes of {@code message}, keyed with the UTF-8 bytes of {@code secret}. */
    public static String sha256Hex(String secret, String message) {
        return sha256Hex(secret, message.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(message));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Lowercase hex MD5 of {@code body}. */
    public static String md5Hex(byte[] body) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("MD5").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }

    /** Compares two strings in time independent of where they differ; {@code null} never matches. */
    public static boolean constantTimeEquals(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }
}
