package dev.starling.gateway.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import dev.starling.gateway.app.App;
import dev.starling.gateway.channel.CacheStore;
import dev.starling.gateway.channel.ChannelQueries;
import dev.starling.gateway.cluster.ClusterState;
import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.time.GatewayClock;
import dev.starling.protocol.Parsed;
import dev.starling.protocol.api.InfoAttribute;
import dev.starling.protocol.channel.ChannelName;
import dev.starling.protocol.channel.ChannelType;
import io.vertx.core.http.HttpServerRequest;

/**
 * Channel queries, answered from the cluster-wide replica (the same answer from every node):
 * {@code GET /apps/{id}/channels}, {@code GET /apps/{id}/channels/{name}}, {@code GET /apps/{id}/channels/{name}/users}.
 */
@Path("/apps/{appId}/channels")
@Produces(MediaType.APPLICATION_JSON)
public class ChannelsResource {

    private static final byte[] NO_BODY = new byte[0];

    private final RequestAuthenticator authenticator;
    private final ChannelQueries state;
    private final CacheStore cache;
    private final GatewayClock clock;
    private final int maxNameLength;

    public ChannelsResource(RequestAuthenticator authenticator, ChannelQueries state, CacheStore cache, GatewayClock clock,
            GatewayConfig config) {
        this.authenticator = authenticator;
        this.state = state;
        this.cache = cache;
        this.clock = clock;
        this.maxNameLength = config.limits().maxChannelNameLength();
    }

    @GET
    public String channels(@PathParam("appId") String appId, @QueryParam("filter_by_prefix") String prefix,
            @QueryParam("info") String info, @Context UriInfo uri, @Context HttpServerRequest request) {
        App app = authenticate(appId, RequestPath.of(request), uri);
        Set<InfoAttribute> attributes = attributes(info);
        String filter = prefix == null ? "" : prefix;
        if (attributes.contains(InfoAttribute.USER_COUNT) && !filter.startsWith(ChannelType.PRESENCE.prefix())) {
            throw ApiException.badRequest("info=user_count needs filter_by_prefix=presence-");
        }
        if (attributes.contains(InfoAttribute.CACHE)) {
            throw ApiException.badRequest("info=cache is only available for a single channel");
        }
        Map<String, Object> channels = new LinkedHashMap<>();
        for (String name : state.occupiedChannels(app.id(), filter)) {
            Map<String, Object> values = new LinkedHashMap<>();
            ClusterState.ChannelInfo channel = state.channel(app.id(), name);
            if (attributes.contains(InfoAttribute.USER_COUNT)) {
                values.put("user_count", channel.userCount());
            }
            if (attributes.contains(InfoAttribute.SUBSCRIPTION_COUNT)) {
                values.put("subscription_count", channel.subscriptionCount());
            }
            channels.put(name, values);
        }
        return JsonReplies.write(Map.of("channels", channels));
    }

    @GET
    @Path("/{channel}")
    public String channel(@PathParam("appId") String appId, @QueryParam("info") String info, @Context UriInfo uri,
            @Context HttpServerRequest request) {
        String path = RequestPath.of(request);
        App app = authenticate(appId, path, uri);
        ChannelName channel = channelName(RequestPath.between(path, "/apps/" + appId + "/channels/", ""));
        Set<InfoAttribute> attributes = attributes(info);
        if (attributes.contains(InfoAttribute.USER_COUNT) && !channel.type().isPresence()) {
            throw ApiException.badRequest("info=user_count is only available for presence channels");
        }
        if (attributes.contains(InfoAttribute.CACHE) && !channel.type().isCache()) {
            throw ApiException.badRequest("info=cache is only available for cache channels");
        }
        ClusterState.ChannelInfo counts = state.channel(app.id(), channel.name());
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("occupied", counts.occupied());
        if (attributes.contains(InfoAttribute.USER_COUNT)) {
            reply.put("user_count", counts.userCount());
        }
        if (attributes.contains(InfoAttribute.SUBSCRIPTION_COUNT)) {
            reply.put("subscription_count", counts.subscriptionCount());
        }
        if (attributes.contains(InfoAttribute.CACHE)) {
            CacheStore.Cached cached = cache.get(app.id(), channel.name());
            if (cached != null) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("data", cached.data());
                entry.put("ttl", Math.max(0, (cached.expiresAtMillis() - clock.millis()) / 1000));
                reply.put("cache", entry);
            }
        }
        return JsonReplies.write(reply);
    }

    @GET
    @Path("/{channel}/users")
    public String users(@PathParam("appId") String appId, @Context UriInfo uri, @Context HttpServerRequest request) {
        String path = RequestPath.of(request);
        App app = authenticate(appId, path, uri);
        ChannelName channel = channelName(RequestPath.between(path, "/apps/" + appId + "/channels/", "/users"));
        if (!channel.type().isPresence()) {
            throw ApiException.badRequest("Users are only available for presence channels");
        }
        List<Map<String, String>> users = state.userIds(app.id(), channel.name()).stream()
                .map(id -> Map.of("id", id)).toList();
        return JsonReplies.write(Map.of("users", users));
    }

    private App authenticate(String appId, String path, UriInfo uri) {
        return authenticator.authenticate(appId, "GET", path, uri.getQueryParameters(), NO_BODY);
    }

    private ChannelName channelName(String name) {
        Parsed<ChannelName> parsed = ChannelName.parse(name, maxNameLength);
        if (!parsed.isOk()) {
            throw ApiException.badRequest("Channel '" + name + "': " + parsed.reason());
        }
        return parsed.value();
    }

    private static Set<InfoAttribute> attributes(String info) {
        Parsed<Set<InfoAttribute>> parsed = InfoAttribute.parseList(info);
        if (!parsed.isOk()) {
            throw ApiException.badRequest(parsed.reason());
        }
        return parsed.value();
    }
}
