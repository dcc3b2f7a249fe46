package dev.starling.gateway.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.starling.gateway.cluster.ClusterState;
import dev.starling.gateway.connection.Connection;
import dev.starling.gateway.connection.Frame;
import dev.starling.protocol.frame.ServerFrames;
import dev.starling.protocol.frame.WatchlistEvent;

/**
 * Online/offline notifications for signed-in users' watchlists ({@code pusher_internal:watchlist_events}).
 *
 * <p>A watcher first gets the state of its whole watchlist, then every change. Both are sent under the watcher's
 * lock, so a change can never be overtaken by an older initial state.
 */
@ApplicationScoped
public class Watchlists {

    /** Per app: watched user id → local connections watching it. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Set<Connection>>> apps = new ConcurrentHashMap<>();
    private final ClusterState state;

    public Watchlists(ClusterState state) {
        this.state = state;
    }

    /** Starts watching and sends the initial state of {@code watchlist}. */
    public void watch(Connection connection, List<String> watchlist) {
        if (watchlist.isEmpty()) {
            return;
        }
        ConcurrentHashMap<String, Set<Connection>> watched = apps.computeIfAbsent(connection.appId(),
                id -> new ConcurrentHashMap<>());
        for (String userId : watchlist) {
            watched.compute(userId, (id, watchers) -> {
                Set<Connection> set = watchers != null ? watchers : ConcurrentHashMap.newKeySet();
                set.add(connection);
                return set;
            });
        }
        synchronized (connection) {
            List<String> online = new ArrayList<>();
            List<String> offline = new ArrayList<>();
            for (String userId : watchlist) {
                (state.isOnline(connection.appId(), userId) ? online : offline).add(userId);
            }
            List<WatchlistEvent> events = new ArrayList<>(2);
            if (!online.isEmpty()) {
                events.add(new WatchlistEvent(WatchlistEvent.Kind.ONLINE, online));
            }
            if (!offline.isEmpty()) {
                events.add(new WatchlistEvent(WatchlistEvent.Kind.OFFLINE, offline));
            }
            connection.send(ServerFrames.watchlistEvents(events));
        }
    }

    public void unwatch(Connection connection, List<String> watchlist) {
        ConcurrentHashMap<String, Set<Connection>> watched = apps.get(connection.appId());
        if (watched == null) {
            return;
        }
        for (String userId : watchlist) {
            watched.computeIfPresent(userId, (id, watchers) -> {
                watchers.remove(connection);
                return watchers.isEmpty() ? null : watchers;
            });
        }
    }

    /** {@code userId} came online or went offline cluster-wide: tell its local watchers. */
    public void changed(String appId, String userId, boolean online) {
        ConcurrentHashMap<String, Set<Connection>> watched = apps.get(appId);
        Set<Connection> watchers = watched == null ? null : watched.get(userId);
        if (watchers == null) {
            return;
        }
        Frame frame = Frame.shared(ServerFrames.watchlistEvents(List.of(new WatchlistEvent(
                online ? WatchlistEvent.Kind.ONLINE : WatchlistEvent.Kind.OFFLINE, List.of(userId)))));
        for (Connection watcher : watchers) {
            synchronized (watcher) {
                watcher.send(frame);
            }
        }
    }
}
