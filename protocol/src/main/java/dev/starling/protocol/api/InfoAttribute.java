package dev.starling.protocol.api;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import dev.starling.protocol.Parsed;

/** The attributes an HTTP API caller may ask for with {@code info=a,b}. */
public enum InfoAttribute {
    USER_COUNT("user_count"),
    SUBSCRIPTION_COUNT("subscription_count"),
    CACHE("cache");

    private final String wireName;

    InfoAttribute(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Parses a comma-separated list; {@code null} or empty gives the empty set. */
    public static Parsed<Set<InfoAttribute>> parseList(String info) {
        Set<InfoAttribute> attributes = EnumSet.noneOf(InfoAttribute.class);
        if (info == null || info.isBlank()) {
            return Parsed.ok(attributes);
        }
        for (String part : info.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            InfoAttribute match = null;
            for (InfoAttribute attribute : values()) {
                if (attribute.wireName.equals(name)) {
                    match = attribute;
                }
            }
            if (match == null) {
                return Parsed.err("Unknown info attribute '" + part.trim() + "'; known are user_count, subscription_count, cache");
            }
            attributes.add(match);
        }
        return Parsed.ok(attributes);
    }
}
