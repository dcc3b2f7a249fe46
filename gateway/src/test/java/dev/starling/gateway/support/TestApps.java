package dev.starling.gateway.support;

import java.util.Map;

import dev.starling.testkit.AppCredentials;

/**
 * The apps every {@code @QuarkusTest} runs with: the demo app of application.properties plus those written to the
 * apps file by {@link StarlingTestResource}, each made for one kind of test.
 */
public final class TestApps {

    /** A test app's credentials. */
    public record TestApp(String id, String key, String secret) implements AppCredentials {
    }

    /** The configured demo app: client events, watchlist and subscription-count events on, no webhooks. */
    public static final TestApp DEMO = new TestApp("app-id", "app-key", "app-secret");
    /** Webhooks for every event to {@code /hooks}, client events on. */
    public static final TestApp HOOKS = new TestApp("hooks", "hooks-key", "hooks-secret");
    /** Webhooks with an event filter (only channel_occupied) to {@code /filtered}. */
    public static final TestApp FILTERED = new TestApp("filtered", "filtered-key", "filtered-secret");
    /** Nothing enabled: no client events, no watchlist, no subscription counts. */
    public static final TestApp QUIET = new TestApp("quiet", "quiet-key", "quiet-secret");
    /** Small limits: 3 connections, 2 presence members, 64-byte event data. */
    public static final TestApp LIMITED = new TestApp("limited", "limited-key", "limited-secret");
    /** Authorized connections with a 10 s timeout. */
    public static final TestApp AUTHORIZED = new TestApp("authorized", "authorized-key", "authorized-secret");
    /** Only the origin https://good.example.com may connect. */
    public static final TestApp ORIGINS = new TestApp("origins", "origins-key", "origins-secret");
    /** Small history: 5 messages per channel, rewind at most 3, history pages of at most 10. */
    public static final TestApp SHORT_HISTORY = new TestApp("short", "short-key", "short-secret");
    /** Disabled. */
    public static final TestApp DISABLED = new TestApp("disabled", "disabled-key", "disabled-secret");

    public static Map<String, String> secretsByKey() {
        return Map.of(DEMO.key(), DEMO.secret(), HOOKS.key(), HOOKS.secret(), FILTERED.key(), FILTERED.secret(),
                QUIET.key(), QUIET.secret(), LIMITED.key(), LIMITED.secret(), AUTHORIZED.key(), AUTHORIZED.secret(),
                ORIGINS.key(), ORIGINS.secret(), DISABLED.key(), DISABLED.secret(), SHORT_HISTORY.key(),
                SHORT_HISTORY.secret());
    }

    static String appsJson(String hooksUrl, String filteredUrl) {
        return """
                {"apps": [
                  {"id": "hooks", "key": "hooks-key", "secret": "hooks-secret", "clientEvents": true,
                   "subscriptionCountEvents": true,
                   "webhooks": [{"url": "%s"}]},
                  {"id": "filtered", "key": "filtered-key", "secret": "filtered-secret",
                   "webhooks": [{"url": "%s", "events": ["channel_occupied"]}]},
                  {"id": "quiet", "key": "quiet-key", "secret": "quiet-secret"},
                  {"id": "limited", "key": "limited-key", "secret": "limited-secret", "clientEvents": true,
                   "maxConnections": 3, "maxPresenceMembers": 2, "maxEventDataBytes": 64},
                  {"id": "authorized", "key": "authorized-key", "secret": "authorized-secret",
                   "authorizedConnections": true, "authorizedConnectionsTimeoutSeconds": 10},
                  {"id": "origins", "key": "origins-key", "secret": "origins-secret",
                   "allowedOrigins": ["https://good.example.com"]},
                  {"id": "short", "key": "short-key", "secret": "short-secret", "clientEvents": true,
                   "history": {"messages": 5, "maxRewind": 3, "maxPage": 10}},
                  {"id": "disabled", "key": "disabled-key", "secret": "disabled-secret", "enabled": false}
                ]}
                """.formatted(hooksUrl, filteredUrl);
    }

    private TestApps() {
    }
}
