package dev.starling.protocol;

import java.util.Optional;

/**
 * Every Pusher error and close code Starling uses, with the reaction clients apply to it.
 *
 * <p>The ranges carry meaning for pusher-js and the other official clients: 4000–4099 means "do not reconnect
 * as is", 4100–4199 "reconnect with backoff", 4200–4299 "reconnect now"; any close code of 4300 or above makes
 * pusher-js stop reconnecting for good, so 43xx codes are only ever sent inside a {@code pusher:error} event,
 * never as a close code (see {@link #closes()}).
 */
public enum ErrorCode {
    SSL_ONLY(4000, "Application only accepts SSL connections, reconnect using wss://", Reaction.REFUSED),
    APP_NOT_FOUND(4001, "Application does not exist", Reaction.REFUSED),
    APP_DISABLED(4003, "Application is disabled", Reaction.REFUSED),
    OVER_CONNECTION_QUOTA(4004, "Application is over connection quota", Reaction.REFUSED),
    PATH_NOT_FOUND(4005, "Path not found", Reaction.REFUSED),
    INVALID_VERSION(4006, "Invalid version string format", Reaction.REFUSED),
    UNSUPPORTED_PROTOCOL(4007, "Unsupported protocol version", Reaction.REFUSED),
    NO_PROTOCOL(4008, "No protocol version supplied", Reaction.REFUSED),
    UNAUTHORIZED(4009, "Connection is unauthorized", Reaction.REFUSED),
    /** Over capacity; also the close code of a slow consumer whose outbound queue stayed over its bound. */
    OVER_CAPACITY(4100, "Over capacity", Reaction.BACKOFF),
    /** Generic "reconnect now"; used when a node drains. */
    RECONNECT(4200, "Generic reconnect immediately", Reaction.RECONNECT_NOW),
    PONG_TIMEOUT(4201, "Pong reply not received: ping was sent to the client, but no reply was received - please reconnect",
            Reaction.RECONNECT_NOW),
    INACTIVITY(4202, "Closed after inactivity", Reaction.RECONNECT_NOW),
    CLIENT_EVENT_RATE_LIMIT(4301, "Client event rejected due to rate limit", Reaction.ERROR_ONLY),
    WATCHLIST_LIMIT(4302, "Watchlist limit exceeded", Reaction.ERROR_ONLY);

    /** What a client does when it receives the code. */
    public enum Reaction {
        /** Closed; the client must not reconnect until something changes (4000–4099). */
        REFUSED,
        /** Closed; the client reconnects after a backoff of at least a second (4100–4199). */
        BACKOFF,
        /** Closed; the client reconnects immediately (4200–4299). */
        RECONNECT_NOW,
        /** Never a close code: reported in a {@code pusher:error} event while the connection stays open. */
        ERROR_ONLY
    }

    private final int code;
    private final String message;
    private final Reaction reaction;

    ErrorCode(int code, String message, Reaction reaction) {
        this.code = code;
        this.message = message;
        this.reaction = reaction;
    }

    public int code() {
        return code;
    }

    /** The default human-readable message sent with the code. */
    public String message() {
        return message;
    }

    public Reaction reaction() {
        return reaction;
    }

    /** Whether this code may be used to close a WebSocket (false for the 43xx error-only codes). */
    public boolean closes() {
        return reaction != Reaction.ERROR_ONLY;
    }

    public static Optional<ErrorCode> of(int code) {
        for (ErrorCode value : values()) {
            if (value.code == code) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
