package dev.starling.gateway.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.metrics.GatewayMetrics;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses an HTTP API request whose declared body ({@code Content-Length}) is over {@code limits.max-request-body-bytes}
 * before any of it is read: 413 with the API's JSON error body, then the connection is closed (the rest of the body is
 * not read). It runs before the HTTP server's own size check, which would answer with an empty body. A chunked body
 * without a length is read and checked by the resource; one beyond the server's absolute limit
 * ({@code quarkus.http.limits.max-body-size}, 16M) is cut off by the server with an empty 413.
 */
@ApplicationScoped
public class BodyLimit {

    private final long maxBytes;
    private final GatewayMetrics metrics;

    public BodyLimit(GatewayConfig config, GatewayMetrics metrics) {
        this.maxBytes = config.limits().maxRequestBodyBytes();
        this.metrics = metrics;
    }

    void route(@Observes Router router) {
        // Before the server's own check (order -2); after the WebSocket route (-100), which has no body.
        router.route("/apps/*").order(-3).handler(this::check);
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            declared = -1; // the HTTP codec refuses malformed lengths itself
        }
        if (declared <= maxBytes) {
            context.next();
            return;
        }
        java.util.Map<String, Object> reply = new java.util.LinkedHashMap<>();
        reply.put("error", "Request body is " + declared + " bytes, larger than " + maxBytes + " bytes");
        reply.put("status", 413);
        metrics.apiRequest("oversized", 413);
        String body = JsonReplies.write(reply);
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body)
                .onComplete(done -> context.request().connection().close());
    }
}
