package dev.starling.push.api;

import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.starling.protocol.json.Json;
import dev.starling.push.auth.SecretKeys;
import dev.starling.push.deadletter.DeadLetter;
import dev.starling.push.deadletter.DeadLetterStore;
import dev.starling.push.delivery.DeliveryEngine;
import dev.starling.push.error.ApiError;
import dev.starling.push.instance.Instances;
import dev.starling.push.metrics.PushMetrics;
import dev.starling.push.webhook.WebhookEngine;
import dev.starling.push.webhook.WebhookStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The admin API, {@code Authorization: Bearer <starling.push.admin.token>} (absent token: the API answers 404):
 * <ul>
 *   <li>{@code GET /admin/v1/instances/{id}/dead_letters?limit=&cursor=} → {@code {"deadLetters":[…],"nextCursor":…}}</li>
 *   <li>{@code POST /admin/v1/instances/{id}/dead_letters/{letterId}/replay} → {@code {"replayed":1}} (404 unknown,
 *       409 the device no longer exists)</li>
 *   <li>{@code POST /admin/v1/instances/{id}/dead_letters/replay?limit=} → {@code {"replayed":n,"skipped":m}}</li>
 *   <li>{@code DELETE /admin/v1/instances/{id}/dead_letters/{letterId}}</li>
 *   <li>{@code GET /admin/v1/webhooks/dead_letters?limit=&cursor=}, {@code POST …/{jobId}/replay}</li>
 * </ul>
 */
@Path("/admin/v1")
public class AdminResource {

    private final SecretKeys keys;
    private final Instances instances;
    private final DeadLetterStore deadLetters;
    private final WebhookStore webhooks;
    private final DeliveryEngine deliveryEngine;
    private final WebhookEngine webhookEngine;
    private final PushMetrics metrics;

    public AdminResource(SecretKeys keys, Instances instances, DeadLetterStore deadLetters, WebhookStore webhooks,
            DeliveryEngine deliveryEngine, WebhookEngine webhookEngine, PushMetrics metrics) {
        this.keys = keys;
        this.instances = instances;
        this.deadLetters = deadLetters;
        this.webhooks = webhooks;
        this.deliveryEngine = deliveryEngine;
        this.webhookEngine = webhookEngine;
        this.metrics = metrics;
    }

    @GET
    @Path("instances/{instanceId}/dead_letters")
    public Uni<Response> list(@HeaderParam("Authorization") String authorization,
            @PathParam("instanceId") String instanceId, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") Long cursor) {
        String instance = instance(authorization, instanceId);
        int size = pageSize(limit);
        return deadLetters.list(instance, cursor == null ? 0 : cursor, size).map(letters -> {
            ObjectNode answer = Json.MAPPER.createObjectNode();
            ArrayNode array = answer.putArray("deadLetters");
            for (DeadLetter letter : letters) {
                array.addObject().put("id", letter.id()).put("publishId", letter.publishId())
                        .put("deviceId", letter.deviceId()).put("platform", letter.platform())
                        .put("attempts", letter.attempts()).put("reason", letter.reason())
                        .put("acceptedAt", letter.acceptedAt().toString()).put("deadAt", letter.deadAt().toString());
            }
            if (letters.size() == size) {
                answer.put("nextCursor", letters.get(letters.size() - 1).id());
            } else {
                answer.putNull("nextCursor");
            }
            return Bodies.json(answer.toString());
        });
    }

    @POST
    @Path("instances/{instanceId}/dead_letters/{id}/replay")
    public Uni<Response> replay(@HeaderParam("Authorization") String authorization,
            @PathParam("instanceId") String instanceId, @PathParam("id") long id) {
        String instance = instance(authorization, instanceId);
        return deadLetters.replay(instance, id).map(result -> switch (result) {
            case REPLAYED -> {
                metrics.replayed("push");
                deliveryEngine.wake();
                yield Bodies.json("{\"replayed\":1}");
            }
            case NOT_FOUND -> throw ApiError.NOT_FOUND.with("No dead letter " + id);
            case DEVICE_GONE -> throw new DeviceGoneConflict();
        });
    }

    @POST
    @Path("instances/{instanceId}/dead_letters/replay")
    public Uni<Response> replayAll(@HeaderParam("Authorization") String authorization,
            @PathParam("instanceId") String instanceId, @QueryParam("limit") Integer limit) {
        String instance = instance(authorization, instanceId);
        return deadLetters.list(instance, 0, pageSize(limit))
                .flatMap(letters -> Multi.createFrom().iterable(letters)
                        .onItem().transformToUniAndConcatenate(letter -> deadLetters.replay(instance, letter.id()))
                        .collect().asList())
                .map(results -> {
                    long replayed = results.stream().filter(r -> r == DeadLetterStore.ReplayResult.REPLAYED).count();
                    for (long i = 0; i < replayed; i++) {
                        metrics.replayed("push");
                    }
                    deliveryEngine.wake();
                    return Bodies.json("{\"replayed\":" + replayed + ",\"skipped\":" + (results.size() - replayed) + "}");
                });
    }

    @DELETE
    @Path("instances/{instanceId}/dead_letters/{id}")
    public Uni<Response> delete(@HeaderParam("Authorization") String authorization,
            @PathParam("instanceId") String instanceId, @PathParam("id") long id) {
        String instance = instance(authorization, instanceId);
        return deadLetters.delete(instance, id).map(deleted -> {
            if (!deleted) {
                throw ApiError.NOT_FOUND.with("No dead letter " + id);
            }
            return Bodies.ok();
        });
    }

    @GET
    @Path("webhooks/dead_letters")
    public Uni<Response> webhookDeadLetters(@HeaderParam("Authorization") String authorization,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        keys.admin(authorization);
        int size = pageSize(limit);
        return webhooks.listDead(cursor, size).map(jobs -> {
            ObjectNode answer = Json.MAPPER.createObjectNode();
            ArrayNode array = answer.putArray("deadLetters");
            for (WebhookStore.Dead job : jobs) {
                array.addObject().put("id", job.id()).put("appId", job.appId()).put("url", job.url())
                        .put("attempts", job.attempts()).put("lastError", job.lastError())
                        .put("createdAt", job.createdAt().toString()).put("deadAt", job.finishedAt().toString());
            }
            if (jobs.size() == size) {
                answer.put("nextCursor", jobs.get(jobs.size() - 1).id());
            } else {
                answer.putNull("nextCursor");
            }
            return Bodies.json(answer.toString());
        });
    }

    @POST
    @Path("webhooks/dead_letters/{id}/replay")
    public Uni<Response> replayWebhook(@HeaderParam("Authorization") String authorization,
            @PathParam("id") String id) {
        keys.admin(authorization);
        return webhooks.replay(id).map(replayed -> {
            if (!replayed) {
                throw ApiError.NOT_FOUND.with("No dead webhook job " + id);
            }
            metrics.replayed("webhook");
            webhookEngine.wake();
            return Bodies.json("{\"replayed\":1}");
        });
    }

    private String instance(String authorization, String instanceId) {
        keys.admin(authorization);
        return instances.find(instanceId).orElseThrow(() -> ApiError.NOT_FOUND.with("Instance not found: "
                + instanceId)).id();
    }

    private static int pageSize(Integer limit) {
        return limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
    }

    /** 409: the dead letter's device was deleted since, so there is nothing to replay it to. */
    static final class DeviceGoneConflict extends jakarta.ws.rs.WebApplicationException {
        DeviceGoneConflict() {
            super(Response.status(409).type("application/json")
                    .entity("{\"error\":\"Conflict\",\"description\":\"The device no longer exists\"}").build());
        }
    }

}
