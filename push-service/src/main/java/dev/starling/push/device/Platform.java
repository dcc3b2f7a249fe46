package dev.starling.push.device;

import java.util.Optional;

/** The three kinds of device, as they appear in device API paths and device ids ({@code web-…}). */
public enum Platform {
    WEB("web"), FCM("fcm"), APNS("apns");

    private final String wire;

    Platform(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The key of this platform's object in a publish body ({@code web}, {@code fcm}, {@code apns}). */
    public String publishKey() {
        return wire;
    }

    public static Optional<Platform> fromWire(String value) {
        for (Platform platform : values()) {
            if (platform.wire.equals(value)) {
                return Optional.of(platform);
            }
        }
        return Optional.empty();
    }
}
