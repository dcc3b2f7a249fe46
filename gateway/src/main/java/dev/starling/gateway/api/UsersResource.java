package dev.starling.gateway.api;

import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import dev.starling.gateway.app.App;
import dev.starling.gateway.cluster.ClusterBus;
import dev.starling.protocol.cluster.ControlMessage;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /apps/{id}/users/{user}/terminate_connections}: closes, on every node, the connections signed in as
 * the user (close code 4009, so clients do not reconnect by themselves). Presence-only connections are not affected.
 */
@Path("/apps/{appId}/users/{userId}")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    private final RequestAuthenticator authenticator;
    private final ClusterBus bus;

    public UsersResource(RequestAuthenticator authenticator, ClusterBus bus) {
        this.authenticator = authenticator;
        this.bus = bus;
    }

    @POST
    @Path("/terminate_connections")
    public CompletionStage<String> terminate(@PathParam("appId") String appId, @Context UriInfo uri,
            @Context HttpServerRequest request, byte[] body) {
        String path = RequestPath.of(request);
        App app = authenticator.authenticate(appId, "POST", path, uri.getQueryParameters(), body == null ? new byte[0] : body);
        String userId = RequestPath.between(path, "/apps/" + appId + "/users/", "/terminate_connections");
        return bus.publish(new ControlMessage.TerminateUserConnections(app.id(), userId)).thenApply(done -> "{}");
    }
}
