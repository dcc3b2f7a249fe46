package dev.starling.gateway.app;

import java.time.Duration;
import java.util.List;

/**
 * An app as the gateway uses it: credentials, feature flags and effective limits (app overrides already merged
 * with the global defaults). Immutable; a reload replaces the whole object.
 *
 * @param maxConnections -1 for unlimited
 * @param allowedOrigins empty allows every origin
 * @param history        channel-history limits (protocol 2)
 * @param push           where publishes with {@code extras.push} push to, or {@code null} when the app does not push
 */
public record App(
        String id,
        String key,
        String secret,
        boolean enabled,
        boolean clientEvents,
        boolean authorizedConnections,
        Duration authorizedConnectionsTimeout,
        boolean watchlistEvents,
        boolean subscriptionCountEvents,
        int maxConnections,
        int clientEventsPerSecond,
        int maxEventDataBytes,
        int maxPresenceMembers,
        List<String> allowedOrigins,
        List<WebhookTarget> webhooks,
        HistoryLimits history,
        PushSettings push) {

    public App {
        allowedOrigins = List.copyOf(allowedOrigins);
        webhooks = List.copyOf(webhooks);
    }

    /** An app with the default history limits. */
    public App(String id, String key, String secret, boolean enabled, boolean clientEvents,
            boolean authorizedConnections, Duration authorizedConnectionsTimeout, boolean watchlistEvents,
            boolean subscriptionCountEvents, int maxConnections, int clientEventsPerSecond, int maxEventDataBytes,
            int maxPresenceMembers, List<String> allowedOrigins, List<WebhookTarget> webhooks) {
        this(id, key, secret, enabled, clientEvents, authorizedConnections, authorizedConnectionsTimeout,
                watchlistEvents, subscriptionCountEvents, maxConnections, clientEventsPerSecond, maxEventDataBytes,
                maxPresenceMembers, allowedOrigins, webhooks, HistoryLimits.DEFAULTS, null);
    }

    /** Whether a WebSocket from {@code origin} (the request's Origin header, may be null) is accepted. */
    public boolean allowsOrigin(String origin) {
        if (allowedOrigins.isEmpty()) {
            return true;
        }
        if (origin == null) {
            return false;
        }
        String host = origin.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        for (String allowed : allowedOrigins) {
            if (allowed.equals("*") || allowed.equalsIgnoreCase(origin) || allowed.equalsIgnoreCase(host)) {
                return true;
            }
            if (allowed.startsWith("*.") && host.toLowerCase().endsWith(allowed.substring(1).toLowerCase())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "App[id=" + id + ", key=" + key + ", enabled=" + enabled + "]"; // never print the secret
    }
}
