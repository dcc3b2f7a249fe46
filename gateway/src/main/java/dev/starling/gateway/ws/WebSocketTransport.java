package dev.starling.gateway.ws;

import dev.starling.gateway.connection.Transport;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

/** {@link Transport} over a websockets-next connection. */
final class WebSocketTransport implements Transport {

    private final WebSocketConnection socket;

    WebSocketTransport(WebSocketConnection socket) {
        this.socket = socket;
    }

    @Override
    public void send(String text, Runnable written) {
        socket.sendText(text).subscribe().with(ok -> written.run(), failure -> written.run());
    }

    @Override
    public void close(int code, String reason) {
        if (socket.isOpen()) {
            socket.close(new CloseReason(code, reason)).subscribe().with(ok -> {
            }, failure -> {
            });
        }
    }

    @Override
    public String remoteAddress() {
        return socket.handshakeRequest().remoteAddress();
    }
}
