package dev.starling.push.auth;

import jakarta.enterprise.context.ApplicationScoped;

import dev.starling.protocol.auth.Hmac;
import dev.starling.push.error.ApiError;
import dev.starling.push.config.PushConfig;
import dev.starling.push.instance.Instance;
import dev.starling.push.instance.Instances;

/**
 * Who may call what: the server API needs {@code Authorization: Bearer {secretKey}} of the instance in the path, the
 * admin API the configured admin token. Both compared in constant time.
 */
@ApplicationScoped
public class SecretKeys {

    private final Instances instances;
    private final PushConfig config;

    public SecretKeys(Instances instances, PushConfig config) {
        this.instances = instances;
        this.config = config;
    }

    /** The instance, if {@code authorization} carries its secret key; else throws the Beams error. */
    public Instance serverInstance(String instanceId, String authorization) {
        Instance instance = instances.find(instanceId)
                .orElseThrow(() -> ApiError.NOT_FOUND.with("Instance not found: " + instanceId));
        if (!Hmac.constantTimeEquals(instance.secretKey(), bearer(authorization))) {
            throw ApiError.UNAUTHORIZED.with("Incorrect API Key");
        }
        return instance;
    }

    /** Passes when {@code authorization} carries the admin token; the admin API does not exist without one. */
    public void admin(String authorization) {
        String token = config.admin().token().filter(t -> !t.isBlank())
                .orElseThrow(() -> ApiError.NOT_FOUND.with("The admin API is disabled (starling.push.admin.token)"));
        if (!Hmac.constantTimeEquals(token, bearer(authorization))) {
            throw ApiError.UNAUTHORIZED.with("Incorrect admin token");
        }
    }

    /** The token of an {@code Authorization: Bearer …} header, or {@code null}. */
    public static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }
}
