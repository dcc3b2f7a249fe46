package dev.starling.gateway.ws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.connection.Connection;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.spi.context.storage.AccessMode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The Pusher WebSocket endpoint {@code /app/{key}} on the HTTP port: upgrades the request and wires the socket's
 * callbacks to {@link ConnectionLifecycle} and {@link FrameRouter}, nothing else. Everything runs on the socket's
 * event loop; nothing here blocks.
 *
 * <p>A plain Vert.x WebSocket rather than Quarkus WebSockets Next: measured with 6,000 idle subscribed connections,
 * the extension's per-connection machinery (a message queue, endpoint and connection objects, a user-data map,
 * identifiers) cost more memory than the socket itself (see docs/benchmarks.md).
 */
@ApplicationScoped
public class PusherEndpoint {

    private static final Logger LOG = Logger.getLogger(PusherEndpoint.class);

    private final ConnectionLifecycle lifecycle;
    private final FrameRouter router;
    private final int sendBufferBytes;

    public PusherEndpoint(ConnectionLifecycle lifecycle, FrameRouter router, GatewayConfig config) {
        this.lifecycle = lifecycle;
        this.router = router;
        this.sendBufferBytes = config.limits().socketSendBufferBytes();
    }

    void route(@Observes Router http) {
        http.route("/app/:key").order(-100).handler(this::upgrade);
    }

    private void upgrade(RoutingContext context) {
        if (!"websocket".equalsIgnoreCase(context.request().getHeader(HttpHeaders.UPGRADE))) {
            context.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end("{\"error\":\"Expected a WebSocket upgrade\",\"status\":400}");
            return;
        }
        String key = context.pathParam("key");
        String query = context.request().query();
        String origin = context.request().getHeader(HttpHeaders.ORIGIN);
        if (!(context.request().connection() instanceof ConnectionBase connection)) {
            context.response().setStatusCode(500).end();
            return;
        }
        Channel channel = connection.channel();
        context.request().toWebSocket().onSuccess(socket -> open(socket, channel, key, query, origin))
                .onFailure(error -> LOG.debugf("WebSocket upgrade failed: %s", error.toString()));
    }

    private void open(ServerWebSocket socket, Channel channel, String key, String query, String origin) {
        VertxTransport transport = new VertxTransport(socket, channel);
        if (sendBufferBytes > 0) {
            // A small kernel buffer: what a client does not read stays in the outbound bound the gateway enforces,
            // instead of megabytes hidden in the kernel (Linux gives loopback sockets ~4 MB).
            transport.channel().config().setOption(ChannelOption.SO_SNDBUF, sendBufferBytes);
        }
        Connection connection = lifecycle.open(transport, key, query, origin);
        if (connection == null) {
            return;
        }
        trim(socket, channel);
        socket.textMessageHandler(text -> router.onText(connection, text));
        socket.binaryMessageHandler(data -> router.onBinary(connection));
        socket.pongHandler(data -> router.onPong(connection));
        socket.exceptionHandler(error -> {
            // A message over the transport limit is dropped by Vert.x, which reports it only here (the socket stays
            // open): answer it like any other oversized frame. Other failures end in the close handler.
            if (isMessageTooBig(error)) {
                router.onOversized(connection);
            }
        });
        socket.closeHandler(ignored -> {
            Short code = socket.closeStatusCode();
            lifecycle.closed(connection, code == null ? 0 : code);
        });
    }

    /**
     * Drops what a long-lived socket no longer needs, measured at about 2.7 KB per connection: the upgrade request's
     * headers (read before this point), the HTTP server's idle-timeout handler with its timer (idle WebSockets are
     * covered by the Pusher heartbeat) and the request context's local data map (Quarkus marks each request's context
     * there; the socket's handlers, which run on that context, never read it).
     */
    private static void trim(ServerWebSocket socket, Channel channel) {
        if (Vertx.currentContext() instanceof ContextInternal context && context.isDuplicate()) {
            context.removeLocal(ContextInternal.LOCAL_MAP, AccessMode.CONCURRENT);
        }
        try {
            socket.headers().clear();
        } catch (UnsupportedOperationException e) {
            // read-only in this Vert.x version: keep them
        }
        if (channel.pipeline().get(IdleStateHandler.class) != null) {
            channel.pipeline().remove(IdleStateHandler.class);
        }
    }

    static boolean isMessageTooBig(Throwable error) {
        String message = error.getMessage();
        return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("max message size");
    }
}
