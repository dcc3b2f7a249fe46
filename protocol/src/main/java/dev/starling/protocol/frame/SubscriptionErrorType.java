package dev.starling.protocol.frame;

/**
 * The {@code type} and HTTP-like {@code status} of a {@code pusher:subscription_error}, mirroring what pusher-js
 * itself reports when its auth endpoint refuses (type {@code AuthError} with the endpoint's status).
 */
public enum SubscriptionErrorType {
    /** Missing or wrong signature, or a {@code #server-to-user-} channel of another user. */
    AUTH_ERROR("AuthError", 401),
    /** The channel name breaks the naming rules. */
    INVALID_CHANNEL("InvalidChannel", 400),
    /** {@code channel_data} is missing or malformed, or breaks the presence limits. */
    INVALID_CHANNEL_DATA("InvalidChannelData", 400),
    /** A protocol-2 {@code rewind} or {@code resume} that is malformed, or both together. */
    INVALID_REPLAY("InvalidReplay", 400),
    /** A limit was reached: channels per connection or members per presence channel. */
    LIMIT_REACHED("LimitReached", 403);

    private final String type;
    private final int status;

    SubscriptionErrorType(String type, int status) {
        this.type = type;
        this.status = status;
    }

    public String type() {
        return type;
    }

    public int status() {
        return status;
    }
}
