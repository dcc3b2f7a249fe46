package dev.starling.gateway.channel;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import dev.starling.gateway.connection.Connection;

/**
 * This node's subscribers per {@code (app, channel)}: the index every delivery reads. Entries exist only while a
 * channel has a local subscriber, so the index never grows with channels that were used once.
 *
 * <p>Thread-safe; a delivery that runs while subscribers come and go sees each subscriber at most once.
 */
@ApplicationScoped
public class LocalSubscriptions {

    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Set<Connection>>> apps = new ConcurrentHashMap<>();

    public void add(String appId, String channel, Connection connection) {
        apps.computeIfAbsent(appId, id -> new ConcurrentHashMap<>())
                .compute(channel, (name, subscribers) -> {
                    Set<Connection> set = subscribers != null ? subscribers : ConcurrentHashMap.newKeySet();
                    set.add(connection);
                    return set;
                });
    }

    public void remove(String appId, String channel, Connection connection) {
        ConcurrentHashMap<String, Set<Connection>> channels = apps.get(appId);
        if (channels != null) {
            channels.computeIfPresent(channel, (name, subscribers) -> {
                subscribers.remove(connection);
                return subscribers.isEmpty() ? null : subscribers;
            });
        }
    }

    /** Subscribers of the channel on this node. */
    public int count(String appId, String channel) {
        Set<Connection> subscribers = subscribers(appId, channel);
        return subscribers == null ? 0 : subscribers.size();
    }

    public void forEach(String appId, String channel, Consumer<Connection> action) {
        Set<Connection> subscribers = subscribers(appId, channel);
        if (subscribers != null) {
            subscribers.forEach(action);
        }
    }

    /** Number of channels with at least one local subscriber, over all apps. */
    public int channelCount() {
        int total = 0;
        for (ConcurrentHashMap<String, Set<Connection>> channels : apps.values()) {
            total += channels.size();
        }
        return total;
    }

    /** Subscriptions on this node, over all apps and channels. */
    public long subscriptionCount() {
        long total = 0;
        for (ConcurrentHashMap<String, Set<Connection>> channels : apps.values()) {
            for (Set<Connection> subscribers : channels.values()) {
                total += subscribers.size();
            }
        }
        return total;
    }

    private Set<Connection> subscribers(String appId, String channel) {
        ConcurrentHashMap<String, Set<Connection>> channels = apps.get(appId);
        return channels == null ? null : channels.get(channel);
    }
}
