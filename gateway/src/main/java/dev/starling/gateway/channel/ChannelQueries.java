package dev.starling.gateway.channel;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.starling.gateway.cluster.ClusterState;

/**
 * What the HTTP API answers about channels: the cluster-wide replica, with this node's own subscriptions counted as
 * they are now.
 *
 * <p>Guarantee (read-your-writes): once this node has sent {@code subscription_succeeded} for a subscription, its
 * channel queries and {@code info=subscription_count} count it; once it has processed an unsubscribe or a close,
 * they no longer do. Other nodes count it once this node's count has gone round the bus (see docs/cluster.md for the
 * bound). Presence channels are exact on every node from the moment of {@code subscription_succeeded}, because a
 * presence subscription is confirmed only after the cluster applied it.
 */
@ApplicationScoped
public class ChannelQueries {

    private final ClusterState state;
    private final LocalSubscriptions local;

    public ChannelQueries(ClusterState state, LocalSubscriptions local) {
        this.state = state;
        this.local = local;
    }

    public ClusterState.ChannelInfo channel(String appId, String channel) {
        return state.channel(appId, channel, local.count(appId, channel));
    }

    /** User ids of a presence channel's members, in join order. */
    public List<String> userIds(String appId, String channel) {
        return state.userIds(appId, channel);
    }

    /** The app's occupied channels whose names start with {@code prefix}, sorted. */
    public List<String> occupiedChannels(String appId, String prefix) {
        return state.occupiedChannels(appId, prefix, name -> local.count(appId, name), local.channels(appId));
    }
}
