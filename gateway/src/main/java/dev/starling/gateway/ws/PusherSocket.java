package dev.starling.gateway.ws;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.starling.gateway.connection.Connection;
import dev.starling.gateway.connection.Frame;
import dev.starling.gateway.connection.Transport;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * One upgraded WebSocket: the last handler of its Netty pipeline (after the frame decoder and the fragment
 * aggregator) and the {@link Transport} of its {@link Connection}. A single small object per socket, which is the
 * point of it: no per-socket framework objects sit between the channel and the gateway.
 *
 * <p>Reads run on the channel's event loop. Frames are written straight to the channel and no promise or listener is
 * allocated per write; Netty counts the bytes waiting in the channel, writes queued from other threads included. A
 * shared frame (a broadcast) is written, from its second recipient on, as a duplicate of its one wire encoding
 * ({@link WireFrames}); its first recipient, and a frame for this socket alone, get it wrapped and encoded as it is
 * written. Writes made on the event loop are flushed once per loop turn
 * ({@link LoopFlush}), so messages that reach a socket together leave in one system call.
 *
 * <p>Closing follows RFC 6455: the side that closes sends a close frame; the other answers with one and the server
 * then closes the TCP connection. When the server closes, its close frame waits behind whatever the client has not
 * read yet; a client that has not read it and answered within {@code limits.close-timeout} is cut off.
 *
 * <p>A protocol violation (a frame over the transport limit: 1009, invalid UTF-8 in a text message: 1007, anything
 * else RFC 6455 forbids: 1002) is answered with a close frame carrying that code. The server then stops sending
 * (TCP half-close) but keeps reading and discarding until the client closes or {@link #VIOLATION_LINGER_MILLIS}
 * pass: closing at once, with the rest of the offending frame unread, would make the kernel reset the connection
 * and the client would lose the close frame (it would see 1006 instead of the reason).
 */
final class PusherSocket extends ChannelInboundHandlerAdapter implements Transport {

    private static final Logger LOG = Logger.getLogger(PusherSocket.class);
    /** RFC 6455: the close code reported when a close frame carries none. */
    private static final int NO_STATUS = 1005;
    /** How long a socket closed for a protocol violation is read (and discarded) for the client to close it. */
    static final long VIOLATION_LINGER_MILLIS = 5_000;
    /** How long a refused socket is read (and discarded) for the client to close it. */
    static final long REFUSAL_LINGER_MILLIS = 2_000;

    private final PusherEndpoint endpoint;
    private final Channel channel;
    private final long closeTimeoutMillis;
    /** Set once the gateway accepted the socket; {@code null} while refused. Event loop only. */
    private Connection connection;
    /** A close frame was sent. Event loop only. */
    private boolean closeSent;
    /** The close code the client sent, 0 if none. Event loop only. */
    private int peerCloseCode;
    /** Written since the last flush, with a flush queued in {@link LoopFlush}. Event loop only. */
    private boolean flushQueued;

    PusherSocket(PusherEndpoint endpoint, Channel channel, Duration closeTimeout) {
        this.endpoint = endpoint;
        this.channel = channel;
        this.closeTimeoutMillis = closeTimeout.toMillis();
    }

    /** Called on the event loop once the gateway accepted the socket. */
    void accepted(Connection connection) {
        this.connection = connection;
        if (!channel.isActive()) {
            // The client went away during the handshake, before this handler was in the pipeline: its
            // channelInactive has passed already, so the connection is closed here or it would never be.
            endpoint.closed(connection, 0);
        }
    }

    // ---- inbound (event loop) ---------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            if (closeSent && !(message instanceof CloseWebSocketFrame)) {
                return; // closing: what the client still sends is not processed
            }
            switch (message) {
                case TextWebSocketFrame text -> {
                    if (connection != null) {
                        endpoint.router().onText(connection, text.text());
                    }
                }
                case PingWebSocketFrame ping -> {
                    ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()), ctx.voidPromise());
                    heartbeat();
                }
                case PongWebSocketFrame pong -> heartbeat();
                case BinaryWebSocketFrame binary -> {
                    if (connection != null) {
                        endpoint.router().onBinary(connection);
                    }
                }
                case CloseWebSocketFrame close -> closedByPeer(ctx, close.statusCode());
                default -> {
                    // the end of the upgrade request (its empty last content): nothing to do
                }
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void heartbeat() {
        if (connection != null) {
            endpoint.router().onPong(connection);
        }
    }

    private void closedByPeer(ChannelHandlerContext ctx, int code) {
        peerCloseCode = code < 0 ? NO_STATUS : code;
        if (closeSent) {
            ctx.close();
            return;
        }
        closeSent = true;
        CloseWebSocketFrame answer = code < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, null);
        ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            // A fragmented message grew past the transport limit: dropped by the aggregator, the socket stays open.
            if (connection != null) {
                endpoint.router().onOversized(connection);
            }
        } else if (cause instanceof CorruptedWebSocketFrameException violation) {
            LOG.debugf("WebSocket protocol violation from %s: %s", channel.remoteAddress(), cause.getMessage());
            failProtocol(violation.closeStatus().code(), violation.closeStatus().reasonText());
        } else {
            LOG.debugf("WebSocket from %s failed: %s", channel.remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    /** Answers a protocol violation with a close frame, then half-closes and lingers (see the class comment). */
    private void failProtocol(int code, String reason) {
        if (connection != null) {
            connection.closedByTransport(code);
        }
        closeAndLinger(code, reason, VIOLATION_LINGER_MILLIS);
    }

    /**
     * Sends a close frame, then stops sending (TCP half-close) while still reading, and closes when the client does
     * or after {@code lingerMillis}. Event loop only.
     */
    private void closeAndLinger(int code, String reason, long lingerMillis) {
        if (closeSent || !channel.isActive()) {
            return;
        }
        closeSent = true;
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(written -> {
            if (written.isSuccess() && channel instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
            } else {
                channel.close();
            }
        });
        channel.eventLoop().schedule(() -> channel.close(), lingerMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connection != null) {
            endpoint.closed(connection, peerCloseCode);
        }
    }

    // ---- Transport (any thread) -------------------------------------------------------------------------------

    @Override
    public void send(Frame frame) {
        Object message = frame.shared() && frame.repeatWrite()
                ? WireFrames.duplicate(frame)
                : new TextWebSocketFrame(Unpooled.wrappedBuffer(frame.utf8()));
        if (channel.eventLoop().inEventLoop()) {
            channel.write(message, channel.voidPromise());
            if (!flushQueued) {
                flushQueued = true;
                LoopFlush.later(this, channel.eventLoop());
            }
        } else {
            channel.writeAndFlush(message, channel.voidPromise());
        }
    }

    /** The flush {@link LoopFlush} runs for this socket, once per event-loop turn in which it was written. */
    void flushQueued() {
        flushQueued = false;
        channel.flush();
    }

    @Override
    public long pendingBytes() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    @Override
    public void close(int code, String reason) {
        if (channel.eventLoop().inEventLoop()) {
            sendClose(code, reason);
        } else {
            channel.eventLoop().execute(() -> sendClose(code, reason));
        }
    }

    @Override
    public void refuse(int code, String reason) {
        if (channel.eventLoop().inEventLoop()) {
            closeAndLinger(code, reason, REFUSAL_LINGER_MILLIS);
        } else {
            channel.eventLoop().execute(() -> closeAndLinger(code, reason, REFUSAL_LINGER_MILLIS));
        }
    }

    private void sendClose(int code, String reason) {
        if (closeSent || !channel.isActive()) {
            return;
        }
        closeSent = true;
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason), channel.voidPromise());
        // Closing the channel once it is already closed does nothing: no need to cancel this.
        channel.eventLoop().schedule(() -> channel.close(), closeTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public String remoteAddress() {
        return String.valueOf(channel.remoteAddress());
    }

    @Override
    public Executor executor() {
        return channel.eventLoop();
    }
}
