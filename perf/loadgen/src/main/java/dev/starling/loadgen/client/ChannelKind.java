package dev.starling.loadgen.client;

/** The channel type subscribers use; private and presence subscriptions are signed locally with the app secret. */
public enum ChannelKind {
    PUBLIC(""),
    PRIVATE("private-"),
    PRESENCE("presence-");

    private final String prefix;

    ChannelKind(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }
}
