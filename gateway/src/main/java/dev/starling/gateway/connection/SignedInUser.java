package dev.starling.gateway.connection;

import dev.starling.protocol.frame.UserData;

/** The user a connection signed in as, with the exact {@code user_data} that was signed. */
public record SignedInUser(UserData data, String rawUserData) {

    public String id() {
        return data.id();
    }
}
