package dev.starling.protocol.channel;

/**
 * The kinds of channel, told apart by an anchored name prefix. Longer prefixes are tried first, so that
 * {@code private-encrypted-cache-x} is an encrypted cache channel and not a private one.
 */
public enum ChannelType {
    PRIVATE_ENCRYPTED_CACHE("private-encrypted-cache-", true, false, true, true),
    PRIVATE_ENCRYPTED("private-encrypted-", true, false, true, false),
    PRIVATE_CACHE("private-cache-", true, false, false, true),
    PRIVATE("private-", true, false, false, false),
    PRESENCE_CACHE("presence-cache-", true, true, false, true),
    PRESENCE("presence-", true, true, false, false),
    CACHE("cache-", false, false, false, true),
    /** {@code #server-to-user-{user id}}: events for every socket signed in as that user. */
    SERVER_TO_USER("#server-to-user-", false, false, false, false),
    PUBLIC("", false, false, false, false);

    private final String prefix;
    private final boolean requiresAuth;
    private final boolean presence;
    private final boolean encrypted;
    private final boolean cache;

    ChannelType(String prefix, boolean requiresAuth, boolean presence, boolean encrypted, boolean cache) {
        this.prefix = prefix;
        this.requiresAuth = requiresAuth;
        this.presence = presence;
        this.encrypted = encrypted;
        this.cache = cache;
    }

    /** The type a channel name belongs to (every name matches {@link #PUBLIC} at worst). */
    public static ChannelType of(String name) {
        for (ChannelType type : values()) {
            if (name.startsWith(type.prefix)) {
                return type;
            }
        }
        return PUBLIC;
    }

    public String prefix() {
        return prefix;
    }

    /** Subscribing needs a signature from the app's auth endpoint. */
    public boolean requiresAuth() {
        return requiresAuth;
    }

    public boolean isPresence() {
        return presence;
    }

    public boolean isEncrypted() {
        return encrypted;
    }

    /** The channel keeps the last event published over HTTP for new subscribers. */
    public boolean isCache() {
        return cache;
    }

    /**
     * Client events are allowed on private and presence channels and their cache variants; never on public,
     * encrypted (the server cannot check what it cannot read, and official clients refuse) or server-to-user ones.
     */
    public boolean allowsClientEvents() {
        return requiresAuth && !encrypted;
    }
}
