package dev.starling.gateway.user;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import dev.starling.gateway.connection.Connection;

/**
 * This node's connections per {@code (app, user id)}: the sockets a signed-in user holds here. Server-to-user events
 * and {@code terminate_connections} are routed through it.
 */
@ApplicationScoped
public class UserSockets {

    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Set<Connection>>> apps = new ConcurrentHashMap<>();

    public void add(String appId, String userId, Connection connection) {
        apps.computeIfAbsent(appId, id -> new ConcurrentHashMap<>()).compute(userId, (id, sockets) -> {
            Set<Connection> set = sockets != null ? sockets : ConcurrentHashMap.newKeySet();
            set.add(connection);
            return set;
        });
    }

    public void remove(String appId, String userId, Connection connection) {
        ConcurrentHashMap<String, Set<Connection>> users = apps.get(appId);
        if (users != null) {
            users.computeIfPresent(userId, (id, sockets) -> {
                sockets.remove(connection);
                return sockets.isEmpty() ? null : sockets;
            });
        }
    }

    public void forEach(String appId, String userId, Consumer<Connection> action) {
        ConcurrentHashMap<String, Set<Connection>> users = apps.get(appId);
        Set<Connection> sockets = users == null ? null : users.get(userId);
        if (sockets != null) {
            sockets.forEach(action);
        }
    }
}
