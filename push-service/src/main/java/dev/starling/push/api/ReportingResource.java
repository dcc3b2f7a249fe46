package dev.starling.push.api;

import java.util.Locale;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import dev.starling.push.error.ApiError;
import dev.starling.push.instance.Instances;
import dev.starling.push.metrics.PushMetrics;

/**
 * The SDKs' delivery and open reports ({@code POST /reporting_api/v2/instances/{id}/events}, best effort on their
 * side): counted in {@code starling_push_client_events_total{event}}, not stored.
 */
@Path("/reporting_api/v2/instances/{instanceId}/events")
public class ReportingResource {

    private final Instances instances;
    private final PushMetrics metrics;

    public ReportingResource(Instances instances, PushMetrics metrics) {
        this.instances = instances;
        this.metrics = metrics;
    }

    @POST
    public Response report(@PathParam("instanceId") String instanceId, String body) {
        if (instances.find(instanceId).isEmpty()) {
            throw ApiError.NOT_FOUND.with("Instance not found: " + instanceId);
        }
        String event = Bodies.object(body, 4096).path("event").asText("").toLowerCase(Locale.ROOT);
        metrics.clientEvent(instanceId, event.equals("delivery") || event.equals("open") ? event : "other");
        return Bodies.ok();
    }
}
