package dev.starling.gateway.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import dev.starling.gateway.app.App;
import dev.starling.gateway.cluster.ClusterBus;
import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.history.HistorySource;
import dev.starling.protocol.Parsed;
import dev.starling.protocol.channel.ChannelName;
import dev.starling.protocol.history.HistoryItem;
import dev.starling.protocol.history.HistoryPage;
import dev.starling.protocol.history.HistoryQuery;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code GET /apps/{app_id}/channels/{channel}/history} (PROTOCOL-V2.md section 4), signed like every HTTP API call.
 * Answered from this node's memory on a single node and from history-service in cluster mode (which lags live
 * delivery by the time it takes to write; see docs/history.md).
 *
 * <p>Guarantee: following {@code next_cursor} with the same query returns every retained message in its range exactly
 * once, in the query's direction, even while new messages are published (a cursor continues after the last serial
 * it returned).
 */
@Path("/apps/{appId}/channels/{channel}/history")
@Produces(MediaType.APPLICATION_JSON)
public class HistoryResource {

    private static final int DEFAULT_LIMIT = 100;
    private static final byte[] NO_BODY = new byte[0];

    private final RequestAuthenticator authenticator;
    private final HistorySource history;
    private final ClusterBus bus;
    private final int maxNameLength;

    public HistoryResource(RequestAuthenticator authenticator, HistorySource history, ClusterBus bus,
            GatewayConfig config) {
        this.authenticator = authenticator;
        this.history = history;
        this.bus = bus;
        this.maxNameLength = config.limits().maxChannelNameLength();
    }

    @GET
    public CompletionStage<String> history(@PathParam("appId") String appId, @Context UriInfo uri,
            @Context HttpServerRequest request) {
        String path = RequestPath.of(request);
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        App app = authenticator.authenticate(appId, "GET", path, params, NO_BODY);
        String name = RequestPath.between(path, "/apps/" + appId + "/channels/", "/history");
        Parsed<ChannelName> channel = ChannelName.parse(name, maxNameLength);
        if (!channel.isOk()) {
            throw ApiException.badRequest("Channel '" + name + "': " + channel.reason());
        }
        int limit = (int) number(params, "limit", DEFAULT_LIMIT, 1, app.history().maxPage());
        boolean forwards = direction(params.getFirst("direction"));
        Long from = optionalNumber(params, "from_serial");
        Long to = optionalNumber(params, "to_serial");
        if (from != null && to != null && from > to) {
            throw ApiException.badParameter("from_serial", "'from_serial' must not be greater than 'to_serial'");
        }
        String streamId = bus.streamId(app.id(), channel.value().name());
        HistoryQuery query = (forwards ? HistoryQuery.forwards(streamId) : HistoryQuery.backwards(streamId))
                .limit(limit);
        if (from != null) {
            query = query.from(from);
        }
        if (to != null) {
            query = query.to(to);
        }
        String cursorText = params.getFirst("cursor");
        if (cursorText != null) {
            HistoryCursor cursor = HistoryCursor.decode(cursorText);
            if (cursor.forwards() != forwards || !java.util.Objects.equals(cursor.fromSerial(), from)
                    || !java.util.Objects.equals(cursor.toSerial(), to)) {
                throw ApiException.badParameter("cursor", "'cursor' continues another query: send it with the same "
                        + "direction, from_serial and to_serial");
            }
            if (!cursor.streamId().equals(streamId)) {
                throw ApiException.badParameter("cursor", "'cursor' belongs to stream " + cursor.streamId()
                        + "; the channel's stream is now " + streamId + " (start again without a cursor)");
            }
            query = forwards ? query.after(cursor.lastSerial()) : query.before(cursor.lastSerial());
        }
        String channelName = channel.value().name();
        return history.query(app.id(), channelName, query).thenApply(page -> reply(page, forwards, from, to));
    }

    private static String reply(HistoryPage page, boolean forwards, Long from, Long to) {
        List<Map<String, Object>> items = new ArrayList<>(page.items().size());
        for (HistoryItem item : page.items()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("message_id", item.messageId());
            entry.put("serial", item.serial());
            entry.put("event", item.event());
            entry.put("data", item.data());
            if (item.userId() != null) {
                entry.put("user_id", item.userId());
            }
            entry.put("published_at_ms", item.publishedAtMs());
            items.add(entry);
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("stream_id", page.streamId());
        reply.put("items", items);
        reply.put("next_cursor", page.hasMore() && !page.items().isEmpty()
                ? new HistoryCursor(forwards, from, to, page.streamId(), page.items().getLast().serial()).encode()
                : null);
        reply.put("oldest_serial", page.oldestSerial());
        reply.put("newest_serial", page.newestSerial());
        return JsonReplies.write(reply);
    }

    private static boolean direction(String value) {
        if (value == null || value.equals("backwards")) {
            return false;
        }
        if (value.equals("forwards")) {
            return true;
        }
        throw ApiException.badParameter("direction", "'direction' must be 'backwards' or 'forwards'");
    }

    private static long number(MultivaluedMap<String, String> params, String name, long fallback, long min, long max) {
        Long value = optionalNumber(params, name);
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw ApiException.badParameter(name, "'" + name + "' must be between " + min + " and " + max);
        }
        return value;
    }

    private static Long optionalNumber(MultivaluedMap<String, String> params, String name) {
        String text = params.getFirst(name);
        if (text == null) {
            return null;
        }
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw ApiException.badParameter(name, "'" + name + "' must not be negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, "'" + name + "' must be an integer");
        }
    }
}
