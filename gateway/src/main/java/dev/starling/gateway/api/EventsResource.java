package dev.starling.gateway.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import dev.starling.gateway.app.App;
import dev.starling.gateway.config.GatewayConfig;
import dev.starling.protocol.Parsed;
import dev.starling.protocol.api.TriggerRequest;
import io.vertx.core.http.HttpServerRequest;

/** {@code POST /apps/{id}/events} and {@code POST /apps/{id}/batch_events}. */
@Path("/apps/{appId}")
@Produces(MediaType.APPLICATION_JSON)
public class EventsResource {

    private final RequestAuthenticator authenticator;
    private final EventPublisher publisher;
    private final GatewayConfig.Limits limits;

    public EventsResource(RequestAuthenticator authenticator, EventPublisher publisher, GatewayConfig config) {
        this.authenticator = authenticator;
        this.publisher = publisher;
        this.limits = config.limits();
    }

    @POST
    @Path("/events")
    public CompletionStage<String> events(@PathParam("appId") String appId, @Context UriInfo uri,
            @Context HttpServerRequest request, byte[] body) {
        App app = authenticate(appId, uri, request, body);
        Parsed<TriggerRequest> parsed = TriggerRequest.parse(RequestBodies.text(body));
        if (!parsed.isOk()) {
            throw ApiException.badRequest(parsed.reason());
        }
        TriggerRequest event = parsed.value();
        publisher.validate(app, event, "");
        publisher.admit();
        return publisher.publish(app, event).thenApply(done -> event.info().isEmpty() ? "{}"
                : JsonReplies.write(Map.of("channels", publisher.info(app, event))));
    }

    @POST
    @Path("/batch_events")
    public CompletionStage<String> batch(@PathParam("appId") String appId, @Context UriInfo uri,
            @Context HttpServerRequest request, byte[] body) {
        App app = authenticate(appId, uri, request, body);
        Parsed<List<TriggerRequest>> parsed = TriggerRequest.parseBatch(RequestBodies.text(body));
        if (!parsed.isOk()) {
            throw ApiException.badRequest(parsed.reason());
        }
        List<TriggerRequest> events = parsed.value();
        if (events.size() > limits.maxBatchSize()) {
            throw ApiException.badRequest("A batch may hold at most " + limits.maxBatchSize() + " events, got " + events.size());
        }
        for (int i = 0; i < events.size(); i++) {
            publisher.validate(app, events.get(i), "batch[" + i + "]: ");
        }
        publisher.admit();
        List<CompletableFuture<Void>> accepted = new ArrayList<>();
        events.forEach(event -> accepted.add(publisher.publish(app, event).toCompletableFuture()));
        boolean withInfo = events.stream().anyMatch(event -> !event.info().isEmpty());
        return CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)).thenApply(done -> {
            if (!withInfo) {
                return "{}";
            }
            List<Map<String, Object>> replies = new ArrayList<>();
            for (TriggerRequest event : events) {
                replies.add(event.info().isEmpty() ? new LinkedHashMap<>()
                        : publisher.attributes(app, event.channels().getFirst(), event));
            }
            return JsonReplies.write(Map.of("batch", replies));
        });
    }

    private App authenticate(String appId, UriInfo uri, HttpServerRequest request, byte[] body) {
        if (body.length > limits.maxRequestBodyBytes()) {
            throw new ApiException(413, "Request body is larger than " + limits.maxRequestBodyBytes() + " bytes");
        }
        return authenticator.authenticate(appId, "POST", RequestPath.of(request), uri.getQueryParameters(), body);
    }
}
