package dev.starling.gateway.history;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.starling.protocol.Parsed;
import dev.starling.protocol.history.HistoryPage;
import dev.starling.protocol.history.HistoryPageCodec;
import dev.starling.protocol.history.HistoryQuery;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * history-service over HTTP ({@code GET /v1/apps/{app}/channels/{channel}/messages}, see docs/history.md). Every
 * request is bounded by {@code history.request-timeout}; anything but a 200 with a readable page fails with
 * {@link HistoryUnavailableException}, so callers answer {@code unavailable} / 503 rather than hang.
 */
public final class RemoteHistory implements HistorySource {

    private final WebClient client;
    private final String baseUrl;
    private final String authorization;
    private final long timeoutMillis;

    public RemoteHistory(Vertx vertx, String baseUrl, String token, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization = token == null || token.isEmpty() ? null : "Bearer " + token;
        this.timeoutMillis = timeout.toMillis();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) timeoutMillis)
                .setUserAgent("Starling-Gateway")
                .setMaxPoolSize(32));
    }

    @Override
    public boolean isLocal() {
        return false;
    }

    @Override
    public CompletionStage<HistoryPage> query(String appId, String channel, HistoryQuery query) {
        CompletableFuture<HistoryPage> page = new CompletableFuture<>();
        var request = client.getAbs(baseUrl + query.pathAndQuery(appId, channel)).timeout(timeoutMillis);
        if (authorization != null) {
            request.putHeader("Authorization", authorization);
        }
        request.send().onComplete(result -> {
            if (result.failed()) {
                page.completeExceptionally(new HistoryUnavailableException("history-service did not answer: "
                        + result.cause().getMessage(), result.cause()));
                return;
            }
            HttpResponse<?> response = result.result();
            if (response.statusCode() != 200) {
                page.completeExceptionally(new HistoryUnavailableException("history-service answered "
                        + response.statusCode() + ": " + response.bodyAsString(), null));
                return;
            }
            Parsed<HistoryPage> decoded = HistoryPageCodec.decode(response.bodyAsString());
            if (decoded.isOk()) {
                page.complete(decoded.value());
            } else {
                page.completeExceptionally(new HistoryUnavailableException("Unreadable answer of history-service: "
                        + decoded.reason(), null));
            }
        });
        return page;
    }
}
