package dev.starling.gateway.ws;

import dev.starling.gateway.connection.Connection;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;

/**
 * The Pusher WebSocket endpoint {@code /app/{key}}: translates socket callbacks to {@link ConnectionLifecycle} and
 * {@link FrameRouter}, nothing else. Everything runs on the connection's event loop; nothing here blocks.
 */
@WebSocket(path = "/app/{key}")
public class PusherEndpoint {

    private static final TypedKey<Connection> CONNECTION = new TypedKey<>("starling.connection");

    private final ConnectionLifecycle lifecycle;
    private final FrameRouter router;

    public PusherEndpoint(ConnectionLifecycle lifecycle, FrameRouter router) {
        this.lifecycle = lifecycle;
        this.router = router;
    }

    @OnOpen
    @NonBlocking
    public void onOpen(WebSocketConnection socket) {
        Connection connection = lifecycle.open(new WebSocketTransport(socket), socket.pathParam("key"),
                socket.handshakeRequest().query(), socket.handshakeRequest().header("Origin"));
        if (connection != null) {
            socket.userData().put(CONNECTION, connection);
        }
    }

    @OnTextMessage
    @NonBlocking
    public void onText(WebSocketConnection socket, String text) {
        Connection connection = socket.userData().get(CONNECTION);
        if (connection != null) {
            router.onText(connection, text);
        }
    }

    @OnBinaryMessage
    @NonBlocking
    public void onBinary(WebSocketConnection socket, Buffer data) {
        Connection connection = socket.userData().get(CONNECTION);
        if (connection != null) {
            router.onBinary(connection);
        }
    }

    @OnPongMessage
    @NonBlocking
    public void onPong(WebSocketConnection socket, Buffer data) {
        Connection connection = socket.userData().get(CONNECTION);
        if (connection != null) {
            router.onPong(connection);
        }
    }

    @OnClose
    @NonBlocking
    public void onClose(WebSocketConnection socket) {
        Connection connection = socket.userData().remove(CONNECTION);
        if (connection != null) {
            CloseReason reason = socket.closeReason();
            lifecycle.closed(connection, reason == null ? 0 : reason.getCode());
        }
    }

    @OnError
    @NonBlocking
    public void onError(WebSocketConnection socket, Throwable error) {
        // A message over quarkus.websockets-next.server.max-message-size is dropped by the transport, which reports
        // it only here (the connection stays open): answer it like any other oversized frame. Other socket-level
        // failures (resets, protocol violations) end in @OnClose; nothing else to do here.
        Connection connection = socket.userData().get(CONNECTION);
        if (connection != null && isMessageTooBig(error)) {
            router.onOversized(connection);
        }
    }

    /** Vert.x reports an over-limit message as an IllegalStateException "… overflow max message size of …". */
    private static boolean isMessageTooBig(Throwable error) {
        return error instanceof IllegalStateException && error.getMessage() != null
                && error.getMessage().contains("max message size");
    }
}
