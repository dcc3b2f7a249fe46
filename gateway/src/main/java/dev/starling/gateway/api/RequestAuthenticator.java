package dev.starling.gateway.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;

import dev.starling.gateway.app.App;
import dev.starling.gateway.app.AppRegistry;
import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.time.GatewayClock;
import dev.starling.protocol.auth.ApiSignature;
import dev.starling.protocol.auth.Hmac;

/**
 * Checks Pusher HTTP API request signatures: {@code auth_key} of the app named in the path, {@code auth_version=1.0},
 * {@code auth_timestamp} within the tolerance (±600 s by default), {@code body_md5} of a non-empty body, and
 * {@code auth_signature} over {@code METHOD\n/path\nsorted query}, compared in constant time.
 */
@ApplicationScoped
public class RequestAuthenticator {

    private final AppRegistry apps;
    private final GatewayClock clock;
    private final long toleranceSeconds;

    public RequestAuthenticator(AppRegistry apps, GatewayClock clock, GatewayConfig config) {
        this.apps = apps;
        this.clock = clock;
        this.toleranceSeconds = config.limits().apiTimestampTolerance().toSeconds();
    }

    /** Returns the app the request is signed for, or throws {@link ApiException} (401, 403 or 404). */
    public App authenticate(String appId, String method, String path, MultivaluedMap<String, String> query, byte[] body) {
        App app = apps.byId(appId).orElseThrow(() -> new ApiException(404, "Unknown app " + appId));
        Map<String, String> params = new HashMap<>();
        for (Map.Entry<String, List<String>> entry : query.entrySet()) {
            if (!entry.getValue().isEmpty()) {
                params.put(entry.getKey(), String.join(",", entry.getValue()));
            }
        }
        String key = params.get(ApiSignature.AUTH_KEY);
        if (key == null || params.get(ApiSignature.AUTH_SIGNATURE) == null || params.get(ApiSignature.AUTH_TIMESTAMP) == null) {
            throw ApiException.unauthorized("Missing auth_key, auth_timestamp or auth_signature");
        }
        if (!Hmac.constantTimeEquals(app.key(), key)) {
            throw ApiException.unauthorized("auth_key does not belong to app " + appId);
        }
        if (!"1.0".equals(params.get(ApiSignature.AUTH_VERSION))) {
            throw ApiException.unauthorized("auth_version must be 1.0");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(params.get(ApiSignature.AUTH_TIMESTAMP));
        } catch (NumberFormatException e) {
            throw ApiException.unauthorized("auth_timestamp must be a number of seconds");
        }
        long now = clock.millis() / 1000;
        if (Math.abs(now - timestamp) > toleranceSeconds) {
            throw ApiException.unauthorized("Timestamp expired: auth_timestamp is " + (now - timestamp)
                    + " s off the server time (allowed ±" + toleranceSeconds + " s); check the clock");
        }
        String md5 = params.get(ApiSignature.BODY_MD5);
        if (body.length > 0 && md5 == null) {
            throw ApiException.unauthorized("body_md5 is required for a request with a body");
        }
        if (md5 != null && !md5.equalsIgnoreCase(Hmac.md5Hex(body))) {
            throw ApiException.unauthorized("body_md5 does not match the body");
        }
        if (!ApiSignature.verify(app.secret(), method, path, params)) {
            throw ApiException.unauthorized("Invalid signature: expected HMAC-SHA256 hex digest of \""
                    + ApiSignature.stringToSign(method, path, params).replace("\n", "\\n") + "\"");
        }
        if (!app.enabled()) {
            throw new ApiException(403, "App " + appId + " is disabled");
        }
        return app;
    }
}
