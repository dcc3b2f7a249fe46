package dev.starling.gateway.ws;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.starling.gateway.app.App;
import dev.starling.gateway.app.AppRegistry;
import dev.starling.gateway.channel.SubscriptionService;
import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.connection.Connection;
import dev.starling.gateway.connection.ConnectionRegistry;
import dev.starling.gateway.connection.Frame;
import dev.starling.gateway.connection.SocketIds;
import dev.starling.gateway.connection.Transport;
import dev.starling.gateway.connection.DrainState;
import dev.starling.gateway.metrics.GatewayMetrics;
import dev.starling.gateway.time.GatewayClock;
import dev.starling.gateway.user.SigninService;
import dev.starling.protocol.ErrorCode;
import dev.starling.protocol.frame.ServerFrames;

/**
 * Opening and closing connections. A refused connection gets the Pusher way of saying why — a {@code pusher:error}
 * with the code, then a close with the same code — rather than a refused HTTP upgrade, because that is what clients
 * understand: unknown app 4001, disabled app 4003, over the app's connection quota 4004, missing protocol 4008,
 * unsupported protocol 4007, origin not allowed 4009, node at its connection limit 4100 (clients retry with backoff,
 * and the load balancer stops sending new ones since readiness is down). A refused socket is closed within seconds
 * whatever the client does, so refusals cannot pile up.
 */
@ApplicationScoped
public class ConnectionLifecycle {

    private static final Logger LOG = Logger.getLogger(ConnectionLifecycle.class);
    /** Protocol versions whose frames are those of version 7. */
    private static final int MIN_PROTOCOL = 5;
    private static final int MAX_PROTOCOL = 7;
    /** Starling's protocol 2: protocol 7 plus positions, rewind and resume (PROTOCOL-V2.md). */
    private static final int POSITIONED_PROTOCOL = 2;

    private final AppRegistry apps;
    private final ConnectionRegistry connections;
    private final SubscriptionService subscriptions;
    private final SigninService signin;
    private final GatewayClock clock;
    private final GatewayConfig config;
    private final GatewayMetrics metrics;
    private final DrainState drain;
    private final SocketIds socketIds = new SocketIds();

    public ConnectionLifecycle(AppRegistry apps, ConnectionRegistry connections, SubscriptionService subscriptions,
            SigninService signin, GatewayClock clock, GatewayConfig config, GatewayMetrics metrics, DrainState drain) {
        this.drain = drain;
        this.metrics = metrics;
        this.apps = apps;
        this.connections = connections;
        this.subscriptions = subscriptions;
        this.signin = signin;
        this.clock = clock;
        this.config = config;
    }

    /**
     * Accepts or refuses a new socket; returns the connection, or {@code null} when it was refused (the transport
     * is then being closed).
     */
    public Connection open(Transport transport, String appKey, String query, String origin) {
        if (drain.isDraining()) {
            return refuse(transport, ErrorCode.RECONNECT, "This node is shutting down; reconnect");
        }
        App app = apps.byKey(appKey).orElse(null);
        if (app == null) {
            return refuse(transport, ErrorCode.APP_NOT_FOUND, "App key " + appKey + " does not exist");
        }
        if (!app.enabled()) {
            return refuse(transport, ErrorCode.APP_DISABLED, ErrorCode.APP_DISABLED.message());
        }
        String protocol = QueryString.parameter(query, "protocol");
        if (protocol == null || protocol.isEmpty()) {
            return refuse(transport, ErrorCode.NO_PROTOCOL, "No protocol version supplied; add ?protocol=7");
        }
        if (!supported(protocol)) {
            return refuse(transport, ErrorCode.UNSUPPORTED_PROTOCOL, "Unsupported protocol version " + protocol
                    + "; supported are " + MIN_PROTOCOL + " to " + MAX_PROTOCOL + ", and " + POSITIONED_PROTOCOL
                    + " (Starling's protocol with positions)");
        }
        if (!app.allowsOrigin(origin)) {
            return refuse(transport, ErrorCode.UNAUTHORIZED, "Origin " + origin + " is not allowed for this app");
        }
        Connection connection = new Connection(socketIds.next(), app, transport, config.limits().maxOutboundBytes(),
                clock.millis(), metrics.traffic());
        if (Integer.parseInt(protocol) == POSITIONED_PROTOCOL) {
            connection.speakProtocol2();
        }
        switch (connections.register(connection)) {
            case NODE_FULL -> {
                return refuse(transport, ErrorCode.OVER_CAPACITY, "This node is at its limit of "
                        + connections.limit() + " connections; retry later");
            }
            case APP_QUOTA -> {
                return refuse(transport, ErrorCode.OVER_CONNECTION_QUOTA, "App " + app.id() + " is over its quota of "
                        + app.maxConnections() + " connections");
            }
            case ADMITTED -> {
            }
        }
        metrics.opened();
        metrics.appGauge(app);
        connection.send(ServerFrames.connectionEstablished(connection.socketId(), config.activityTimeout().toSeconds()));
        return connection;
    }

    /**
     * Cleans up after a socket closed, whoever closed it, {@code code} being the close code seen on the socket (0 if
     * unknown). Runs once per connection.
     */
    public void closed(Connection connection, int code) {
        connection.markClosed();
        if (!connections.unregister(connection)) {
            return;
        }
        metrics.closed(connection.closeCode() != 0 ? connection.closeCode() : code == 0 ? 1006 : code);
        subscriptions.unsubscribeAll(connection);
        signin.signOut(connection);
    }

    private static boolean supported(String protocol) {
        try {
            int version = Integer.parseInt(protocol);
            return version >= MIN_PROTOCOL && version <= MAX_PROTOCOL || version == POSITIONED_PROTOCOL;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private Connection refuse(Transport transport, ErrorCode code, String message) {
        metrics.refused(code.code());
        LOG.debugf("Refusing connection from %s: %d %s", transport.remoteAddress(), code.code(), message);
        transport.send(Frame.of(ServerFrames.error(code.code(), message)));
        transport.refuse(code.code(), code.message());
        return null;
    }
}
