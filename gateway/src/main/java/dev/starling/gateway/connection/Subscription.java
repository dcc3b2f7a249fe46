package dev.starling.gateway.connection;

import dev.starling.protocol.channel.ChannelName;
import dev.starling.protocol.frame.PresenceMember;

/**
 * A connection's subscription to one channel. A presence subscription is pending until the cluster applied the
 * join; only an active subscription receives events and may send client events.
 *
 * @param member the connection's presence identity on this channel, {@code null} on other channel types
 */
public record Subscription(ChannelName channel, PresenceMember member, boolean active) {

    public Subscription activated() {
        return new Subscription(channel, member, true);
    }
}
