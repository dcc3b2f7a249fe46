package dev.starling.gateway.ws;

import dev.starling.gateway.connection.Frame;
import dev.starling.gateway.connection.Transport;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.vertx.core.http.ServerWebSocket;

/**
 * {@link Transport} over a Vert.x server WebSocket, writing frames to its Netty channel directly: the frame's bytes
 * are wrapped, not copied or re-encoded, and no promise or listener is allocated per write. Netty counts the bytes
 * waiting in the channel, writes queued from other threads included.
 */
final class VertxTransport implements Transport {

    private final ServerWebSocket socket;
    private final Channel channel;

    /** @param channel the upgraded request's Netty channel, which the WebSocket keeps using */
    VertxTransport(ServerWebSocket socket, Channel channel) {
        this.socket = socket;
        this.channel = channel;
    }

    Channel channel() {
        return channel;
    }

    @Override
    public void send(Frame frame) {
        channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame.utf8())), channel.voidPromise());
    }

    @Override
    public long pendingBytes() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    @Override
    public void close(int code, String reason) {
        if (!socket.isClosed()) {
            socket.close((short) code, reason);
        }
    }

    @Override
    public java.util.concurrent.Executor executor() {
        return channel.eventLoop();
    }

    @Override
    public String remoteAddress() {
        return String.valueOf(socket.remoteAddress());
    }
}
