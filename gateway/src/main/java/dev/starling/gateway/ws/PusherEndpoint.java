package dev.starling.gateway.ws;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.connection.Connection;
import dev.starling.gateway.util.PathDecoding;
import dev.starling.protocol.json.JsonText;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.net.impl.VertxHandler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The Pusher WebSocket endpoint {@code /app/{key}} on the HTTP port. The HTTP server routes the upgrade request here;
 * the handshake is then Netty's ({@link Handshake}) and the connection leaves the HTTP server: its pipeline becomes
 * frame decoder, encoder, fragment aggregator and one {@link PusherSocket}. The 101 and the first Pusher frame leave
 * in one write. Everything runs on the socket's event loop; nothing here blocks.
 *
 * <p>Why not the HTTP server's own WebSocket support: measured with thousands of idle subscribed connections, the
 * objects it keeps per socket (the upgrade request's URI, path, query, host and headers, the handshaker, an inbound
 * queue, promises, a request context) cost about 1.6 KB of the 3.7 KB a connection took, and Quarkus WebSockets Next
 * more again (see docs/benchmarks.md).
 *
 * <p>Limits: messages up to {@link #TRANSPORT_LIMIT} (or twice {@code limits.max-frame-bytes} if larger) are read,
 * whole or in fragments, and above {@code limits.max-frame-bytes} answered with a {@code pusher:error}; a fragmented
 * message beyond it is dropped unread and answered the same way; a single frame beyond it breaks the protocol limit and
 * is closed with 1009, a text message that is not valid UTF-8 with 1007 (see {@link PusherSocket} for how such a
 * close reaches the client). No extensions are negotiated (no compression: a deflate context costs hundreds of KB per
 * socket and Pusher frames are small).
 */
@ApplicationScoped
public class PusherEndpoint {

    /** The most the transport reassembles into one message, whatever the configured frame limit (1 MiB at least). */
    static final int TRANSPORT_LIMIT = 1 << 20;

    private static final Logger LOG = Logger.getLogger(PusherEndpoint.class);
    private static final String WEBSOCKET_VERSION = "13";
    private static final String PATH_PREFIX = "/app/";
    /** What Netty's RFC 6455 handshake reads from the request. */
    private static final List<CharSequence> HANDSHAKE_HEADERS = List.of(HttpHeaderNames.CONNECTION,
            HttpHeaderNames.UPGRADE, HttpHeaderNames.SEC_WEBSOCKET_KEY, HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
    /** The WebSocket codec's names in the pipeline (those Netty's own handshake gives it). */
    private static final String DECODER = "wsdecoder";
    private static final String ENCODER = "wsencoder";
    /**
     * HTTP handlers a WebSocket no longer needs: the server's idle timeout (idle WebSockets are covered by the
     * Pusher heartbeat), request decompression, response compression, aggregation and chunked file writes.
     */
    private static final List<Class<? extends ChannelHandler>> UNUSED_AFTER_UPGRADE = List.of(IdleStateHandler.class,
            HttpContentDecompressor.class, HttpContentCompressor.class, HttpObjectAggregator.class,
            ChunkedWriteHandler.class);

    private final ConnectionLifecycle lifecycle;
    private final FrameRouter router;
    private final int sendBufferBytes;
    private final Duration closeTimeout;
    private final int maxMessageBytes;
    private final WebSocketDecoderConfig decoderConfig;

    public PusherEndpoint(ConnectionLifecycle lifecycle, FrameRouter router, GatewayConfig config) {
        this.lifecycle = lifecycle;
        this.router = router;
        this.sendBufferBytes = config.limits().socketSendBufferBytes();
        this.closeTimeout = config.limits().closeTimeout();
        this.maxMessageBytes = Math.max(TRANSPORT_LIMIT, config.limits().maxFrameBytes() * 2);
        this.decoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(maxMessageBytes)
                .expectMaskedFrames(true)
                .allowMaskMismatch(false)
                .allowExtensions(false)
                // Violations are answered by PusherSocket, which keeps reading so the client gets the close frame.
                .closeOnProtocolViolation(false)
                .withUTF8Validator(true)
                .build();
    }

    void route(@Observes Router http) {
        // A prefix route without a path parameter: matching it is a string comparison, and no parameter map (which
        // would parse the query string too) is built for each upgrade.
        http.route(PATH_PREFIX + "*").order(-100).handler(this::upgrade);
    }

    FrameRouter router() {
        return router;
    }

    void closed(Connection connection, int peerCloseCode) {
        lifecycle.closed(connection, peerCloseCode);
    }

    private void upgrade(RoutingContext context) {
        String key = appKey(context.normalizedPath());
        if (key == null) {
            context.next(); // not /app/{key}: another route's, or nobody's (404)
            return;
        }
        HttpServerRequest request = context.request();
        if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            reply(context, 400, "Expected a WebSocket upgrade");
            return;
        }
        if (request.method() != io.vertx.core.http.HttpMethod.GET) {
            reply(context, 405, "A WebSocket upgrade is a GET request");
            return;
        }
        if (!WEBSOCKET_VERSION.equals(request.getHeader(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
            context.response().putHeader(HttpHeaderNames.SEC_WEBSOCKET_VERSION, WEBSOCKET_VERSION);
            reply(context, 426, "Unsupported WebSocket version; this server speaks version 13");
            return;
        }
        if (!(request.connection() instanceof ConnectionBase http)
                || http.channel().pipeline().get(HttpRequestDecoder.class) == null) {
            reply(context, 400, "WebSocket upgrades need HTTP/1.1");
            return;
        }
        String query = request.query();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        FullHttpRequest handshake = handshakeRequest(request);
        // Take the connection over once the HTTP server has read the whole request (a GET: at once).
        if (request.isEnded()) {
            handshake(context, http.channel(), handshake, key, query, origin);
        } else {
            request.endHandler(ignored -> handshake(context, http.channel(), handshake, key, query, origin));
            request.resume();
        }
    }

    private void handshake(RoutingContext context, Channel channel, FullHttpRequest request, String key, String query,
            String origin) {
        Handshake handshake = new Handshake(decoderConfig);
        FullHttpResponse switching;
        try {
            switching = handshake.response(request);
        } catch (WebSocketHandshakeException e) {
            reply(context, 400, "Invalid WebSocket handshake: " + e.getMessage());
            return;
        } finally {
            request.release();
        }
        ChannelPipeline pipeline = channel.pipeline();
        for (Class<? extends ChannelHandler> unused : UNUSED_AFTER_UPGRADE) {
            if (pipeline.get(unused) != null) {
                pipeline.remove(unused);
            }
        }
        // Written, not flushed: the HTTP encoder turns the 101 into bytes as it is written (this is the socket's event
        // loop), so it can leave the pipeline now; the bytes wait for the gateway's first frame (flushed below).
        channel.write(switching, channel.voidPromise());
        pipeline.remove(HttpResponseEncoder.class);
        pipeline.replace(HttpRequestDecoder.class, DECODER, handshake.decoder());
        // The encoder goes in front of the decoder, so that anything written from the decoder's position in the
        // pipeline is encoded too.
        pipeline.addBefore(DECODER, ENCODER, new WebSocket13FrameEncoder(false));
        PusherSocket socket = new PusherSocket(this, channel, closeTimeout);
        pipeline.replace(VertxHandler.class, "pusher", socket);
        // RFC 6455 8.1: a text message that is not valid UTF-8 fails the connection (1007). Checked per frame, before
        // fragments are aggregated.
        pipeline.addBefore("pusher", "utf8", new Utf8FrameValidator(false));
        pipeline.addBefore("pusher", "aggregator", new WebSocketFrameAggregator(maxMessageBytes));
        if (sendBufferBytes > 0) {
            // A small kernel buffer: what a client does not read stays in the outbound bound the gateway enforces,
            // instead of megabytes hidden in the kernel (Linux gives loopback sockets ~4 MB).
            channel.config().setOption(ChannelOption.SO_SNDBUF, sendBufferBytes);
        }
        channel.config().setAutoRead(true);
        Connection connection = lifecycle.open(socket, key, query, origin);
        // The 101 and what the gateway answered (connection_established, or an error and a close) leave together.
        channel.flush();
        if (connection != null) {
            socket.accepted(connection);
        }
    }

    /** A copy of the upgrade request's line and of the headers the handshake reads. */
    private static FullHttpRequest handshakeRequest(HttpServerRequest request) {
        DefaultFullHttpRequest copy = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, request.uri(),
                Unpooled.EMPTY_BUFFER);
        for (CharSequence name : HANDSHAKE_HEADERS) {
            List<String> values = request.headers().getAll(name);
            if (!values.isEmpty()) {
                copy.headers().add(name, values);
            }
        }
        return copy;
    }

    /**
     * The app key of a path {@code /app/{key}} (percent-decoded), or {@code null} when the path is not one: other
     * segments after the key, or no key.
     */
    static String appKey(String path) {
        if (path == null || !path.startsWith(PATH_PREFIX)) {
            return null;
        }
        String raw = path.substring(PATH_PREFIX.length());
        if (raw.isEmpty() || raw.indexOf('/') >= 0) {
            return null;
        }
        try {
            return PathDecoding.decode(raw);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static void reply(RoutingContext context, int status, String message) {
        LOG.debugf("Refused WebSocket upgrade from %s: %d %s", context.request().remoteAddress(), status, message);
        StringBuilder body = new StringBuilder("{\"error\":");
        JsonText.appendQuoted(body, message);
        body.append(",\"status\":").append(status).append('}');
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body.toString());
    }
}
