package dev.starling.protocol.auth;

/** Webhook signing: {@code X-Pusher-Signature = hex(HMAC-SHA256(secret, raw body))}, sent with {@code X-Pusher-Key}. */
public final class WebhookSignature {

    public static final String KEY_HEADER = "X-Pusher-Key";
    public static final String SIGNATURE_HEADER = "X-Pusher-Signature";

    private WebhookSignature() {
    }

    public static String sign(String secret, byte[] body) {
        return Hmac.sha256Hex(secret, body);
    }

    public static boolean verify(String secret, byte[] body, String signature) {
        return Hmac.constantTimeEquals(sign(secret, body), signature);
    }
}
