package dev.starling.gateway.connection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.starling.gateway.app.App;
import dev.starling.gateway.app.AppsChanged;
import dev.starling.protocol.ErrorCode;

/**
 * Every open connection of this node, by socket id, with a connection count per app that enforces the app's quota
 * and a total that enforces the node's limit ({@link NodeCapacity}).
 * When an app is removed or disabled by a reload, its connections are closed (4001 / 4003).
 */
@ApplicationScoped
public class ConnectionRegistry {

    private static final Logger LOG = Logger.getLogger(ConnectionRegistry.class);

    /** Why {@link #register} refused a connection, or that it did not. */
    public enum Admission {
        ADMITTED,
        /** The app is at its connection quota on this node (4004). */
        APP_QUOTA,
        /** The node is at its connection limit (4100). */
        NODE_FULL
    }

    private final ConcurrentHashMap<String, Connection> bySocketId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> perApp = new ConcurrentHashMap<>();
    /** Registered connections; counted apart from the map so the node limit is checked and taken atomically. */
    private final AtomicInteger total = new AtomicInteger();
    private final NodeCapacity capacity;

    public ConnectionRegistry(NodeCapacity capacity) {
        this.capacity = capacity;
    }

    /** Registers a connection unless the node is full or its app is at its connection quota. */
    public Admission register(Connection connection) {
        int open;
        do {
            open = total.get();
            if (!capacity.admits(open)) {
                return Admission.NODE_FULL;
            }
        } while (!total.compareAndSet(open, open + 1));
        if (!registerInApp(connection)) {
            total.decrementAndGet();
            return Admission.APP_QUOTA;
        }
        return Admission.ADMITTED;
    }

    private boolean registerInApp(Connection connection) {
        App app = connection.app();
        boolean[] admitted = new boolean[1];
        // Counting inside compute: the counter cannot be removed (at zero) between being found and being incremented.
        perApp.compute(app.id(), (id, count) -> {
            AtomicInteger current = count != null ? count : new AtomicInteger();
            admitted[0] = app.maxConnections() < 0 || current.get() < app.maxConnections();
            if (admitted[0]) {
                current.incrementAndGet();
            }
            return current.get() == 0 ? null : current;
        });
        if (admitted[0]) {
            bySocketId.put(connection.socketId(), connection);
        }
        return admitted[0];
    }

    /** Removes a connection; returns false if it was not registered (so cleanup runs once). */
    public boolean unregister(Connection connection) {
        if (bySocketId.remove(connection.socketId(), connection)) {
            perApp.computeIfPresent(connection.appId(), (id, count) -> count.decrementAndGet() == 0 ? null : count);
            total.decrementAndGet();
            return true;
        }
        return false;
    }

    public Connection get(String socketId) {
        return socketId == null ? null : bySocketId.get(socketId);
    }

    public int count() {
        return total.get();
    }

    /** Whether the node counts as full (for readiness; see {@link NodeCapacity}). */
    public boolean isFull() {
        return capacity.isFull(total.get());
    }

    public int limit() {
        return capacity.maxConnections();
    }

    public int count(String appId) {
        AtomicInteger count = perApp.get(appId);
        return count == null ? 0 : count.get();
    }

    public void forEach(Consumer<Connection> action) {
        bySocketId.values().forEach(action);
    }

    public Collection<Connection> ofApp(String appId) {
        List<Connection> connections = new ArrayList<>();
        bySocketId.values().forEach(c -> {
            if (c.appId().equals(appId)) {
                connections.add(c);
            }
        });
        return connections;
    }

    void onAppsChanged(@Observes AppsChanged changes) {
        for (App removed : changes.removed()) {
            Collection<Connection> connections = ofApp(removed.id());
            if (!connections.isEmpty()) {
                LOG.infof("App %s was removed: closing its %d connection(s)", removed.id(), connections.size());
            }
            connections.forEach(c -> c.close(ErrorCode.APP_NOT_FOUND));
        }
        for (App changed : changes.changed()) {
            Collection<Connection> connections = ofApp(changed.id());
            if (!changed.enabled() && !connections.isEmpty()) {
                LOG.infof("App %s was disabled: closing its %d connection(s)", changed.id(), connections.size());
            }
            for (Connection connection : connections) {
                connection.updateApp(changed);
                if (!changed.enabled()) {
                    connection.close(ErrorCode.APP_DISABLED);
                }
            }
        }
    }
}
