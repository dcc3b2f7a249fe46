package dev.starling.loadgen.client;

import dev.starling.protocol.json.JsonText;

/** Where connection {@code i} goes: a pure function of its global index, so processes need no coordination. */
public final class Topology {

    private final SubscriberSpec spec;

    public Topology(SubscriberSpec spec) {
        this.spec = spec;
    }

    public int channelIndex(int connection) {
        return connection % spec.channels();
    }

    public String channel(int connection) {
        return channelName(spec, channelIndex(connection));
    }

    public static String channelName(SubscriberSpec spec, int channelIndex) {
        return spec.kind().prefix() + spec.channelPrefix() + channelIndex;
    }

    public int portIndex(int connection) {
        return connection % spec.ports().size();
    }

    public int port(int connection) {
        return spec.ports().get(portIndex(connection));
    }

    /**
     * Source address index: spread so that every (source address, port) pair gets the same share, since the kernel's
     * ephemeral port range (about 28k) is per source address and destination.
     */
    public int sourceIndex(int connection) {
        int addresses = spec.sourceAddresses().size();
        return addresses == 0 ? -1 : (connection / spec.ports().size()) % addresses;
    }

    public boolean slow(int connection) {
        return spec.slowEvery() > 0 && connection % spec.slowEvery() == 0;
    }

    public static String userId(int connection) {
        return "u" + connection;
    }

    /** The presence {@code channel_data} of connection {@code i}; {@code null} for other channel types. */
    public String channelData(int connection) {
        if (spec.kind() != ChannelKind.PRESENCE) {
            return null;
        }
        return "{\"user_id\":" + JsonText.quote(userId(connection)) + ",\"user_info\":{\"n\":" + connection + "}}";
    }
}
