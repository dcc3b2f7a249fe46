package dev.starling.gateway.ws;

import dev.starling.gateway.connection.Transport;
import io.vertx.core.http.ServerWebSocket;

/** {@link Transport} over a Vert.x server WebSocket. */
final class VertxTransport implements Transport {

    private final ServerWebSocket socket;

    VertxTransport(ServerWebSocket socket) {
        this.socket = socket;
    }

    @Override
    public void send(String text, Runnable written) {
        socket.writeTextMessage(text, result -> written.run());
    }

    @Override
    public void close(int code, String reason) {
        if (!socket.isClosed()) {
            socket.close((short) code, reason);
        }
    }

    @Override
    public String remoteAddress() {
        return String.valueOf(socket.remoteAddress());
    }
}
