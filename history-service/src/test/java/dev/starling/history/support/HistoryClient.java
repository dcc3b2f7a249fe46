package dev.starling.history.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.starling.protocol.history.HistoryItem;
import dev.starling.protocol.history.HistoryPage;
import dev.starling.protocol.history.HistoryPageCodec;
import dev.starling.protocol.history.HistoryQuery;

/** Calls history-service's API over real HTTP, as a gateway does. */
public final class HistoryClient {

    /** A raw answer. */
    public record Answer(int status, String body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    public HistoryClient(String base, String token) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
    }

    public Answer get(String pathAndQuery) {
        return get(pathAndQuery, token);
    }

    public Answer get(String pathAndQuery, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(20));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + pathAndQuery + " failed", e);
        }
    }

    /** One page; fails the test on anything but 200. */
    public HistoryPage page(String appId, String channel, HistoryQuery query) {
        Answer answer = get(query.pathAndQuery(appId, channel));
        if (answer.status() != 200) {
            throw new AssertionError("HTTP " + answer.status() + ": " + answer.body());
        }
        return HistoryPageCodec.decode(answer.body()).value();
    }

    /** Every retained row of the channel in the stream, oldest first, paging forwards {@code pageSize} at a time. */
    public List<HistoryItem> all(String appId, String channel, String streamId, int pageSize) {
        List<HistoryItem> items = new ArrayList<>();
        HistoryQuery query = HistoryQuery.forwards(streamId).limit(pageSize);
        while (true) {
            HistoryPage page = page(appId, channel, query);
            items.addAll(page.items());
            if (!page.hasMore()) {
                return items;
            }
            query = query.after(page.items().getLast().serial());
        }
    }
}
