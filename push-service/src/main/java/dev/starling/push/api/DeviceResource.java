package dev.starling.push.api;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.starling.protocol.Parsed;
import dev.starling.protocol.json.Json;
import dev.starling.protocol.push.BeamsNames;
import dev.starling.push.auth.BeamsToken;
import dev.starling.push.auth.SecretKeys;
import dev.starling.push.config.PushConfig;
import dev.starling.push.device.Device;
import dev.starling.push.device.DeviceRegistry;
import dev.starling.push.device.DeviceTokens;
import dev.starling.push.device.Platform;
import dev.starling.push.error.ApiError;
import dev.starling.push.instance.Instance;
import dev.starling.push.instance.Instances;
import io.smallrye.mutiny.Uni;

/**
 * The Beams device API, as the web, Android and iOS client SDKs call it (no credentials, like Beams: a device id is
 * an unguessable capability). Associating a user needs a Beams auth token minted by the app's server.
 */
@Path("/device_api/v1/instances/{instanceId}")
public class DeviceResource {

    private final Instances instances;
    private final DeviceRegistry registry;
    private final DeviceTokens tokens;
    private final PushConfig.Limits limits;
    private final Clock clock;

    public DeviceResource(Instances instances, DeviceRegistry registry, DeviceTokens tokens, PushConfig config,
            Clock clock) {
        this.instances = instances;
        this.registry = registry;
        this.tokens = tokens;
        this.limits = config.limits();
        this.clock = clock;
    }

    @GET
    @Path("web-vapid-public-key")
    public Response vapidPublicKey(@PathParam("instanceId") String instanceId) {
        ObjectNode answer = Json.MAPPER.createObjectNode()
                .put("vapidPublicKey", instance(instanceId).web().vapid().publicKey());
        return Bodies.json(answer.toString());
    }

    @POST
    @Path("devices/{platform}")
    public Uni<Response> register(@PathParam("instanceId") String instanceId, @PathParam("platform") String platformName,
            String body) {
        Instance instance = instance(instanceId);
        Platform platform = platform(platformName);
        ObjectNode request = Bodies.object(body, limits.maxRequestBytes());
        Parsed<String> token = tokens.check(platform, request.path("token").asText(null));
        if (!token.isOk()) {
            throw ApiError.INVALID_TOKEN.with("Invalid device token: " + token.reason());
        }
        String metadata = metadata(request.get("metadata"));
        List<String> previous = new ArrayList<>();
        for (JsonNode id : request.path("knownPreviousClientIds")) {
            if (id.isTextual()) {
                previous.add(id.textValue());
            }
        }
        return registry.register(instance.id(), platform, token.value(), metadata, previous).map(registered -> {
            ObjectNode answer = Json.MAPPER.createObjectNode().put("id", registered.id());
            ArrayNode interests = answer.putArray("initialInterestSet");
            registered.initialInterests().forEach(interests::add);
            return Bodies.json(answer.toString());
        });
    }

    @GET
    @Path("devices/{platform}/{deviceId}")
    public Uni<Response> get(@PathParam("instanceId") String instanceId, @PathParam("platform") String platformName,
            @PathParam("deviceId") String deviceId) {
        Instance instance = instance(instanceId);
        return registry.find(instance.id(), platform(platformName), deviceId).map(found -> {
            Device device = found.orElseThrow(DeviceResource::noDevice);
            ObjectNode answer = Json.MAPPER.createObjectNode().put("id", device.id())
                    .put("platform", device.platform().wire());
            answer.put("userId", device.userId());
            answer.set("metadata", parse(device.metadata()));
            return Bodies.json(answer.toString());
        });
    }

    @DELETE
    @Path("devices/{platform}/{deviceId}")
    public Uni<Response> delete(@PathParam("instanceId") String instanceId, @PathParam("platform") String platformName,
            @PathParam("deviceId") String deviceId) {
        Instance instance = instance(instanceId);
        // Deleting a device that is already gone succeeds: the SDKs call this on stop() and may retry.
        return registry.delete(instance.id(), platform(platformName), deviceId).map(ignored -> Bodies.ok());
    }

    @PUT
    @Path("devices/{platform}/{deviceId}/token")
    public Uni<Response> refreshToken(@PathParam("instanceId") String instanceId,
            @PathParam("platform") String platformName, @PathParam("deviceId") String deviceId, String body) {
        Instance instance = instance(instanceId);
        Platform platform = platform(platformName);
        Parsed<String> token = tokens.check(platform,
                Bodies.object(body, limits.maxRequestBytes()).path("token").asText(null));
        if (!token.isOk()) {
            throw ApiError.INVALID_TOKEN.with("Invalid device token: " + token.reason());
        }
        return found(registry.refreshToken(instance.id(), platform, deviceId, token.value()));
    }

    @GET
    @Path("devices/{platform}/{deviceId}/interests")
    public Uni<Response> interests(@PathParam("instanceId") String instanceId,
            @PathParam("platform") String platformName, @PathParam("deviceId") String deviceId,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        Instance instance = instance(instanceId);
        int pageSize = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
        return registry.interests(instance.id(), platform(platformName), deviceId, pageSize, cursor).map(found -> {
            DeviceRegistry.InterestPage page = found.orElseThrow(DeviceResource::noDevice);
            ObjectNode answer = Json.MAPPER.createObjectNode();
            ArrayNode names = answer.putArray("interests");
            page.interests().forEach(names::add);
            answer.putObject("responseMetadata").put("nextCursor", page.nextCursor());
            return Bodies.json(answer.toString());
        });
    }

    @PUT
    @Path("devices/{platform}/{deviceId}/interests")
    public Uni<Response> setInterests(@PathParam("instanceId") String instanceId,
            @PathParam("platform") String platformName, @PathParam("deviceId") String deviceId, String body) {
        Instance instance = instance(instanceId);
        JsonNode array = Bodies.object(body, Math.max(limits.maxRequestBytes(), limits.maxInterestsPerDevice() * 170))
                .get("interests");
        if (array == null || !array.isArray()) {
            throw ApiError.BAD_REQUEST.with("'interests' must be an array");
        }
        Set<String> interests = new LinkedHashSet<>();
        for (JsonNode interest : array) {
            interests.add(interest(interest.isTextual() ? interest.textValue() : null));
        }
        return found(registry.setInterests(instance.id(), platform(platformName), deviceId, interests));
    }

    @POST
    @Path("devices/{platform}/{deviceId}/interests/{interest}")
    public Uni<Response> addInterest(@PathParam("instanceId") String instanceId,
            @PathParam("platform") String platformName, @PathParam("deviceId") String deviceId,
            @PathParam("interest") String interest) {
        Instance instance = instance(instanceId);
        return found(registry.addInterest(instance.id(), platform(platformName), deviceId, interest(interest)));
    }

    @DELETE
    @Path("devices/{platform}/{deviceId}/interests/{interest}")
    public Uni<Response> removeInterest(@PathParam("instanceId") String instanceId,
            @PathParam("platform") String platformName, @PathParam("deviceId") String deviceId,
            @PathParam("interest") String interest) {
        Instance instance = instance(instanceId);
        return found(registry.removeInterest(instance.id(), platform(platformName), deviceId, interest(interest)));
    }

    @PUT
    @Path("devices/{platform}/{deviceId}/metadata")
    public Uni<Response> setMetadata(@PathParam("instanceId") String instanceId,
            @PathParam("platform") String platformName, @PathParam("deviceId") String deviceId, String body) {
        Instance instance = instance(instanceId);
        String metadata = metadata(Bodies.object(body, limits.maxRequestBytes()));
        return found(registry.setMetadata(instance.id(), platform(platformName), deviceId, metadata));
    }

    @PUT
    @Path("devices/{platform}/{deviceId}/user")
    public Uni<Response> setUser(@PathParam("instanceId") String instanceId, @PathParam("platform") String platformName,
            @PathParam("deviceId") String deviceId, @HeaderParam("Authorization") String authorization) {
        Instance instance = instance(instanceId);
        Parsed<String> user = BeamsToken.verify(SecretKeys.bearer(authorization), instance.secretKey(),
                instance.tokenIssuer(), clock);
        if (!user.isOk()) {
            throw ApiError.UNAUTHORIZED.with("Invalid Beams auth token: " + user.reason());
        }
        return registry.setUser(instance.id(), platform(platformName), deviceId, user.value()).map(result -> switch (result) {
            case OK -> Bodies.ok();
            case NOT_FOUND -> throw noDevice();
            case OTHER_USER -> throw ApiError.UNPROCESSABLE.with("The device is already associated with another user");
            case TOO_MANY_DEVICES -> throw ApiError.UNPROCESSABLE.with("The user already has "
                    + limits.maxDevicesPerUser() + " devices");
        });
    }

    private Instance instance(String instanceId) {
        return instances.find(instanceId).orElseThrow(() -> ApiError.NOT_FOUND.with("Instance not found: "
                + instanceId));
    }

    private static Platform platform(String name) {
        return Platform.fromWire(name).orElseThrow(() -> ApiError.NOT_FOUND.with("Unknown platform: " + name));
    }

    private static String interest(String interest) {
        if (!BeamsNames.isValidInterest(interest)) {
            throw ApiError.BAD_REQUEST.with("Interest \"" + interest + "\" is not valid: at most "
                    + BeamsNames.MAX_INTEREST_LENGTH + " characters of A-Z, a-z, 0-9 and _-=@,.;");
        }
        return interest;
    }

    private String metadata(JsonNode metadata) {
        if (metadata == null || metadata.isNull()) {
            return "{}";
        }
        if (!metadata.isObject()) {
            throw ApiError.BAD_REQUEST.with("'metadata' must be an object");
        }
        String text = metadata.toString();
        if (text.length() > limits.maxMetadataBytes()) {
            throw ApiError.PAYLOAD_TOO_LARGE.with("Device metadata exceeds " + limits.maxMetadataBytes() + " bytes");
        }
        return text;
    }

    private static Uni<Response> found(Uni<Boolean> update) {
        return update.map(found -> {
            if (!found) {
                throw noDevice();
            }
            return Bodies.ok();
        });
    }

    private static RuntimeException noDevice() {
        return ApiError.NOT_FOUND.with("Device not found");
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
