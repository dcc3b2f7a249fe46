package dev.starling.gateway.wskit;

import java.util.UUID;

/** Unique names, so tests sharing one running gateway never see each other's channels or users. */
public final class Names {

    private Names() {
    }

    /** {@code prefix} followed by 12 random hex digits, e.g. {@code private-cache-3f2a…}. */
    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
