package dev.starling.push.api;

import java.time.Clock;
import java.util.UUID;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import dev.starling.protocol.push.PushPublish;
import dev.starling.push.auth.SecretKeys;
import dev.starling.push.error.ApiError;
import dev.starling.push.error.ApiException;
import dev.starling.push.instance.Instance;
import dev.starling.push.metrics.PushMetrics;
import dev.starling.push.publish.PublishIntake;
import dev.starling.push.publish.PublishRequests;
import io.smallrye.mutiny.Uni;

/**
 * The Beams publish API ({@code @pusher/push-notifications-server} {@code publishToInterests} /
 * {@code publishToUsers}). The answer {@code {"publishId":"pubid-…"}} comes only once the publish is durable.
 */
@Path("/publish_api/v1/instances/{instanceId}/publishes")
public class PublishResource {

    private static final Logger LOG = Logger.getLogger(PublishResource.class);

    private final SecretKeys keys;
    private final PublishRequests requests;
    private final PublishIntake intake;
    private final PushMetrics metrics;
    private final Clock clock;

    public PublishResource(SecretKeys keys, PublishRequests requests, PublishIntake intake, PushMetrics metrics,
            Clock clock) {
        this.keys = keys;
        this.requests = requests;
        this.intake = intake;
        this.metrics = metrics;
        this.clock = clock;
    }

    @POST
    @Path("interests")
    public Uni<Response> interests(@PathParam("instanceId") String instanceId,
            @HeaderParam("Authorization") String authorization, String body) {
        return checked(() -> {
            Instance instance = keys.serverInstance(instanceId, authorization);
            PublishRequests.Checked checked = requests.toInterests(instance.id(), body);
            return accept(PushPublish.toInterests(newPublishId(), instance.id(), checked.targets(), checked.request(),
                    clock.millis()), "interests");
        });
    }

    @POST
    @Path("users")
    public Uni<Response> users(@PathParam("instanceId") String instanceId,
            @HeaderParam("Authorization") String authorization, String body) {
        return checked(() -> {
            Instance instance = keys.serverInstance(instanceId, authorization);
            PublishRequests.Checked checked = requests.toUsers(instance.id(), body);
            return accept(PushPublish.toUsers(newPublishId(), instance.id(), checked.targets(), checked.request(),
                    clock.millis()), "users");
        });
    }

    private Uni<Response> accept(PushPublish publish, String target) {
        return intake.accept(publish)
                .map(ignored -> {
                    metrics.accepted(publish.instanceId(), target, "http");
                    return Bodies.json("{\"publishId\":\"" + publish.publishId() + "\"}");
                })
                .onFailure().transform(e -> {
                    LOG.warnf("Publish not accepted (%s): %s", e.getClass().getSimpleName(), e.getMessage());
                    metrics.rejected("unavailable");
                    return ApiError.UNAVAILABLE.with("The publish could not be stored; retry");
                });
    }

    private Uni<Response> checked(java.util.function.Supplier<Uni<Response>> action) {
        try {
            return action.get();
        } catch (ApiException e) {
            metrics.rejected(e.error().name().toLowerCase(java.util.Locale.ROOT));
            throw e;
        }
    }

    static String newPublishId() {
        return "pubid-" + UUID.randomUUID();
    }
}
