package dev.starling.gateway.ws;

import jakarta.enterprise.context.ApplicationScoped;

import dev.starling.gateway.config.GatewayConfig;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/**
 * WebSocket settings of the HTTP server. Compression is off: a per-message-deflate context costs hundreds of KB per
 * connection and Pusher frames are small. The transport drops (and reports) messages above
 * {@link #TRANSPORT_LIMIT}; frames between {@code limits.max-frame-bytes} and it get a {@code pusher:error}.
 */
@ApplicationScoped
public class WebSocketOptions implements HttpServerOptionsCustomizer {

    /** The most the transport reassembles into one message, whatever the configured frame limit (1 MiB at least). */
    static final int TRANSPORT_LIMIT = 1 << 20;

    private final int maxMessage;

    public WebSocketOptions(GatewayConfig config) {
        this.maxMessage = Math.max(TRANSPORT_LIMIT, config.limits().maxFrameBytes() * 2);
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setMaxWebSocketMessageSize(maxMessage)
                .setMaxWebSocketFrameSize(Math.min(maxMessage, 65536));
    }
}
