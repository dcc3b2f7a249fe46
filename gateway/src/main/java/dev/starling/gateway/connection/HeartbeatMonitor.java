package dev.starling.gateway.connection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.time.GatewayClock;
import dev.starling.protocol.ErrorCode;
import dev.starling.protocol.frame.ServerFrames;
import io.quarkus.runtime.StartupEvent;

/**
 * Keeps connections honest, by one periodic sweep rather than a timer per connection:
 * <ul>
 *   <li>after {@code activity-timeout} of silence from the client, sends {@code pusher:ping};</li>
 *   <li>if nothing arrives within {@code pong-timeout} after that ping, closes with 4201;</li>
 *   <li>for apps with authorized connections, closes with 4009 a connection that has neither signed in nor
 *       subscribed to a private or presence channel within the app's timeout.</li>
 * </ul>
 */
@ApplicationScoped
public class HeartbeatMonitor {

    private static final Frame PING = Frame.shared(ServerFrames.ping());

    private final ConnectionRegistry connections;
    private final GatewayClock clock;
    private final GatewayConfig config;

    public HeartbeatMonitor(ConnectionRegistry connections, GatewayClock clock, GatewayConfig config) {
        this.connections = connections;
        this.clock = clock;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        clock.every(config.heartbeatCheckInterval(), this::sweep);
    }

    /** Checks every connection once. */
    public void sweep() {
        long now = clock.millis();
        long activityTimeout = config.activityTimeout().toMillis();
        long pongTimeout = config.pongTimeout().toMillis();
        connections.forEach(connection -> check(connection, now, activityTimeout, pongTimeout));
    }

    private static void check(Connection connection, long now, long activityTimeout, long pongTimeout) {
        if (connection.isClosing()) {
            return;
        }
        long pingSent = connection.pingSentMillis();
        if (pingSent == 0) {
            if (now - connection.lastSeenMillis() >= activityTimeout) {
                connection.pingSent(now);
                connection.send(PING);
            }
        } else if (now - pingSent >= pongTimeout) {
            connection.close(ErrorCode.PONG_TIMEOUT);
            return;
        }
        if (connection.app().authorizedConnections() && !connection.isAuthorized()
                && now - connection.openedAtMillis() >= connection.app().authorizedConnectionsTimeout().toMillis()) {
            connection.close(ErrorCode.UNAUTHORIZED, "Connection was not authorized in time: sign in or subscribe to a"
                    + " private or presence channel");
        }
    }
}
