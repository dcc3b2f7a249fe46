package dev.starling.protocol;

import java.util.regex.Pattern;

/** Socket ids have the form {@code \d+\.\d+}; the server SDKs refuse to sign anything else. */
public final class SocketId {

    private static final Pattern FORMAT = Pattern.compile("\\d{1,20}\\.\\d{1,20}");

    private SocketId() {
    }

    public static boolean isValid(String socketId) {
        return socketId != null && FORMAT.matcher(socketId).matches();
    }
}
