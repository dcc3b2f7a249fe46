package dev.starling.history.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import dev.starling.history.config.HistoryConfig;
import dev.starling.history.store.MessageQuery;
import dev.starling.history.store.MessageReader;
import dev.starling.protocol.history.HistoryError;
import dev.starling.protocol.history.HistoryPageCodec;
import io.smallrye.mutiny.Uni;

/**
 * The history API the gateways call (see docs/history.md, "Internal API"). Answers are JSON: a
 * {@link dev.starling.protocol.history.HistoryPage}, or {@code {"error":…}} with 400 (bad parameter),
 * 401 (token) or 503 (PostgreSQL unreachable or slower than {@code api.query-timeout}).
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {

    private final MessageReader reader;
    private final Queries queries;
    private final int maxPageSize;

    public MessagesResource(MessageReader reader, Queries queries, HistoryConfig config) {
        this.reader = reader;
        this.queries = queries;
        this.maxPageSize = config.api().maxPageSize();
    }

    @GET
    @Path("/apps/{appId}/channels/{channel}/messages")
    public Uni<Response> messages(@PathParam("appId") String appId, @PathParam("channel") String channel,
            @Context UriInfo uri) {
        MessageQuery query;
        try {
            query = QueryParameters.parse(appId, channel, uri.getQueryParameters(), maxPageSize);
        } catch (BadParameter e) {
            return Uni.createFrom().item(Response.status(400)
                    .entity(new HistoryError(e.getMessage(), e.parameter()).encode()).build());
        }
        return queries.answer(reader.page(query), page -> Response.ok(HistoryPageCodec.encode(page)).build());
    }

    @GET
    @Path("/streams/{streamId}/written-through")
    public Uni<Response> writtenThrough(@PathParam("streamId") String streamId) {
        return queries.answer(reader.writtenThrough(streamId), writtenThrough -> Response.ok(
                "{\"stream_id\":" + dev.starling.protocol.json.JsonText.quote(streamId) + ",\"written_through\":"
                        + writtenThrough + "}").build());
    }
}
