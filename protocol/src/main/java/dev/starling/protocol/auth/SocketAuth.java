package dev.starling.protocol.auth;

/**
 * Signatures a client presents on its socket: channel authorization (private, presence, encrypted) and user
 * authentication (sign-in). An auth value has the form {@code "<app key>:<hex HMAC-SHA256>"}.
 *
 * <ul>
 *   <li>private / encrypted: {@code "<socket_id>:<channel>"}</li>
 *   <li>presence: {@code "<socket_id>:<channel>:<channel_data>"} with the exact {@code channel_data} string</li>
 *   <li>user: {@code "<socket_id>::user::<user_data>"} with the exact {@code user_data} string</li>
 * </ul>
 */
public final class SocketAuth {

    private SocketAuth() {
    }

    public static String channelStringToSign(String socketId, String channel, String channelData) {
        return channelData == null ? socketId + ":" + channel : socketId + ":" + channel + ":" + channelData;
    }

    public static String userStringToSign(String socketId, String userData) {
        return socketId + "::user::" + userData;
    }

    /** The full auth value ({@code key:signature}) an app's auth endpoint returns for a channel. */
    public static String signChannel(String key, String secret, String socketId, String channel, String channelData) {
        return key + ":" + Hmac.sha256Hex(secret, channelStringToSign(socketId, channel, channelData));
    }

    /** The full auth value ({@code key:signature}) an app's auth endpoint returns for a user sign-in. */
    public static String signUser(String key, String secret, String socketId, String userData) {
        return key + ":" + Hmac.sha256Hex(secret, userStringToSign(socketId, userData));
    }

    public static boolean verifyChannel(String key, String secret, String socketId, String channel, String channelData,
            String auth) {
        return verify(key, secret, channelStringToSign(socketId, channel, channelData), auth);
    }

    public static boolean verifyUser(String key, String secret, String socketId, String userData, String auth) {
        return verify(key, secret, userStringToSign(socketId, userData), auth);
    }

    /** Checks {@code auth} against the expected {@code key:hmac(stringToSign)} in constant time. */
    public static boolean verify(String key, String secret, String stringToSign, String auth) {
        if (auth == null) {
            return false;
        }
        String expected = key + ":" + Hmac.sha256Hex(secret, stringToSign);
        return Hmac.constantTimeEquals(expected, auth);
    }
}
