package dev.starling.protocol.channel;

import dev.starling.protocol.Parsed;

/**
 * A validated channel name with its type.
 *
 * <p>Rules: at most {@code maxLength} characters (Pusher: 164), only {@code [A-Za-z0-9_\-=@,.;]}; {@code #} is
 * reserved and allowed only as the {@code #server-to-user-} prefix, whose remainder is a user id (any
 * characters but control characters, non-empty).
 */
public record ChannelName(String name, ChannelType type) {

    /** Pusher's documented limit. */
    public static final int DEFAULT_MAX_LENGTH = 164;

    public ChannelName {
        if (name == null || type == null) {
            throw new IllegalArgumentException("name and type are required");
        }
    }

    public static Parsed<ChannelName> parse(String name) {
        return parse(name, DEFAULT_MAX_LENGTH);
    }

    public static Parsed<ChannelName> parse(String name, int maxLength) {
        if (name == null || name.isEmpty()) {
            return Parsed.err("Channel name is missing");
        }
        if (name.length() > maxLength) {
            return Parsed.err("Channel name is longer than " + maxLength + " characters");
        }
        ChannelType type = ChannelType.of(name);
        if (type == ChannelType.SERVER_TO_USER) {
            String userId = name.substring(type.prefix().length());
            if (userId.isEmpty()) {
                return Parsed.err("Server-to-user channel without a user id");
            }
            for (int i = 0; i < userId.length(); i++) {
                if (Character.isISOControl(userId.charAt(i))) {
                    return Parsed.err("Invalid character in channel name");
                }
            }
            return Parsed.ok(new ChannelName(name, type));
        }
        for (int i = 0; i < name.length(); i++) {
            if (!allowed(name.charAt(i))) {
                return Parsed.err("Invalid character '" + printable(name.charAt(i)) + "' in channel name;"
                        + " allowed are A-Z a-z 0-9 _ - = @ , . ;");
            }
        }
        if (name.length() == type.prefix().length() && type != ChannelType.PUBLIC) {
            return Parsed.err("Channel name is only a prefix");
        }
        return Parsed.ok(new ChannelName(name, type));
    }

    /** For {@code #server-to-user-{id}} channels, the user id; otherwise {@code null}. */
    public String serverToUserId() {
        return type == ChannelType.SERVER_TO_USER ? name.substring(type.prefix().length()) : null;
    }

    static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '=' || c == '@' || c == ',' || c == '.' || c == ';';
    }

    private static String printable(char c) {
        return Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    @Override
    public String toString() {
        return name;
    }
}
