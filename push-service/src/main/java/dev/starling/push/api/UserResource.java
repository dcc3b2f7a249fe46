package dev.starling.push.api;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import dev.starling.protocol.push.BeamsNames;
import dev.starling.push.auth.SecretKeys;
import dev.starling.push.device.DeviceRegistry;
import dev.starling.push.error.ApiError;
import dev.starling.push.instance.Instance;
import io.smallrye.mutiny.Uni;

/**
 * Deleting a user ({@code deleteUser} of the server SDKs): every device of the user is deleted, with its interests
 * and pending deliveries. Served on Beams' two paths, {@code user_api} (the SDKs) and {@code customer_api}.
 */
@Path("/")
public class UserResource {

    private final SecretKeys keys;
    private final DeviceRegistry registry;

    public UserResource(SecretKeys keys, DeviceRegistry registry) {
        this.keys = keys;
        this.registry = registry;
    }

    @DELETE
    @Path("user_api/v1/instances/{instanceId}/users/{userId}")
    public Uni<Response> delete(@PathParam("instanceId") String instanceId, @PathParam("userId") String userId,
            @HeaderParam("Authorization") String authorization) {
        Instance instance = keys.serverInstance(instanceId, authorization);
        if (!BeamsNames.isValidUserId(userId)) {
            throw ApiError.BAD_REQUEST.with("User id must be 1 to " + BeamsNames.MAX_USER_ID_LENGTH + " characters");
        }
        return registry.deleteUser(instance.id(), userId).map(count -> Bodies.ok());
    }

    @DELETE
    @Path("customer_api/v1/instances/{instanceId}/users/{userId}")
    public Uni<Response> deleteCustomerApi(@PathParam("instanceId") String instanceId,
            @PathParam("userId") String userId, @HeaderParam("Authorization") String authorization) {
        return delete(instanceId, userId, authorization);
    }
}
