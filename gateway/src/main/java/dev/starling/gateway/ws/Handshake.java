package dev.starling.gateway.ws;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;

/**
 * Netty's RFC 6455 server handshake without its write: the 101 response and the frame decoder, for
 * {@link PusherEndpoint} to write and install itself. Netty's {@code handshake(...)} flushes the 101 on its own, and
 * the gateway sends {@code pusher:connection_established} right after it; written by the endpoint, both leave in one
 * system call. No subprotocol and no extension is offered. One per upgrade (Netty's handshaker keeps per-handshake
 * state).
 */
final class Handshake extends WebSocketServerHandshaker13 {

    Handshake(WebSocketDecoderConfig decoderConfig) {
        super(null, null, decoderConfig);
    }

    /**
     * The 101 answering {@code request}.
     *
     * @throws WebSocketHandshakeException if the request lacks what an RFC 6455 handshake needs (the key, the
     *         {@code Upgrade} or {@code Connection} header)
     */
    FullHttpResponse response(FullHttpRequest request) {
        return newHandshakeResponse(request, null);
    }

    /** A frame decoder with the endpoint's limits. */
    WebSocketFrameDecoder decoder() {
        return newWebsocketDecoder();
    }
}
