package dev.starling.gateway.app;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.protocol.json.Json;
import dev.starling.protocol.webhook.WebhookEvent;

/**
 * Parses and validates an apps file:
 *
 * <pre>{@code
 * {"apps": [{"id": "1", "key": "k", "secret": "s", "enabled": true, "clientEvents": true,
 *            "authorizedConnections": false, "authorizedConnectionsTimeoutSeconds": 30,
 *            "watchlistEvents": false, "subscriptionCountEvents": false,
 *            "maxConnections": -1, "clientEventsPerSecond": 10, "maxEventDataBytes": 10240,
 *            "maxPresenceMembers": 100, "allowedOrigins": ["https://example.com"],
 *            "webhooks": [{"url": "https://example.com/pusher", "events": ["channel_occupied"]}],
 *            "history": {"messages": 100, "maxAgeSeconds": 600, "maxRewind": 100, "maxPage": 1000},
 *            "push": {"instanceId": "beams-instance", "secretKey": "…", "interestPrefix": ""}}]}
 * }</pre>
 *
 * Only {@code id}, {@code key} and {@code secret} are required. Unknown fields are errors (a typo must not silently
 * disable a feature); every error names the field, e.g. {@code apps[1].webhooks[0].url}.
 */
public final class AppsFile {

    private static final Set<String> APP_FIELDS = Set.of("id", "key", "secret", "enabled", "clientEvents",
            "authorizedConnections", "authorizedConnectionsTimeoutSeconds", "watchlistEvents", "subscriptionCountEvents",
            "maxConnections", "clientEventsPerSecond", "maxEventDataBytes", "maxPresenceMembers", "allowedOrigins",
            "webhooks", "history", "push");
    private static final Set<String> PUSH_FIELDS = Set.of("instanceId", "secretKey", "interestPrefix");
    private static final Set<String> WEBHOOK_FIELDS = Set.of("url", "events");
    private static final Set<String> HISTORY_FIELDS = Set.of("messages", "maxAgeSeconds", "maxRewind", "maxPage");

    private AppsFile() {
    }

    /** Parses {@code json}; {@code source} names the file in error messages. */
    public static List<App> parse(String json, AppDefaults defaults, String source) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidAppConfigException(source + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("apps").isArray()) {
            throw new InvalidAppConfigException(source + ": expected {\"apps\": [ … ]}");
        }
        checkFields(root, Set.of("apps"), source + ": ");
        List<App> apps = new ArrayList<>();
        for (int i = 0; i < root.get("apps").size(); i++) {
            apps.add(app(root.get("apps").get(i), defaults, source + ": apps[" + i + "]"));
        }
        return apps;
    }

    private static App app(JsonNode node, AppDefaults defaults, String where) {
        if (!node.isObject()) {
            throw new InvalidAppConfigException(where + ": must be an object");
        }
        checkFields(node, APP_FIELDS, where + ".");
        List<WebhookTarget> webhooks = new ArrayList<>();
        JsonNode hooks = node.path("webhooks");
        if (!hooks.isMissingNode() && !hooks.isArray()) {
            throw new InvalidAppConfigException(where + ".webhooks: must be an array");
        }
        for (int i = 0; i < hooks.size(); i++) {
            JsonNode hook = hooks.get(i);
            String at = where + ".webhooks[" + i + "]";
            if (!hook.isObject()) {
                throw new InvalidAppConfigException(at + ": must be an object");
            }
            checkFields(hook, WEBHOOK_FIELDS, at + ".");
            webhooks.add(webhook(requiredText(hook, "url", at), strings(hook, "events", at + ".events"), at));
        }
        return new App(
                requiredText(node, "id", where),
                requiredText(node, "key", where),
                requiredText(node, "secret", where),
                bool(node, "enabled", true, where),
                bool(node, "clientEvents", false, where),
                bool(node, "authorizedConnections", false, where),
                Duration.ofSeconds(positive(node, "authorizedConnectionsTimeoutSeconds",
                        (int) defaults.authorizedConnectionsTimeout().toSeconds(), where)),
                bool(node, "watchlistEvents", false, where),
                bool(node, "subscriptionCountEvents", false, where),
                integer(node, "maxConnections", defaults.maxConnections(), -1, where),
                positive(node, "clientEventsPerSecond", defaults.clientEventsPerSecond(), where),
                positive(node, "maxEventDataBytes", defaults.maxEventDataBytes(), where),
                positive(node, "maxPresenceMembers", defaults.maxPresenceMembers(), where),
                strings(node, "allowedOrigins", where + ".allowedOrigins"),
                webhooks,
                history(node.path("history"), defaults.history(), where + ".history"),
                push(node.path("push"), where + ".push"));
    }

    private static PushSettings push(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidAppConfigException(where + ": must be an object");
        }
        checkFields(node, PUSH_FIELDS, where + ".");
        JsonNode secret = node.get("secretKey");
        JsonNode prefix = node.get("interestPrefix");
        if (secret != null && !secret.isNull() && !secret.isTextual() || prefix != null && !prefix.isNull()
                && !prefix.isTextual()) {
            throw new InvalidAppConfigException(where + ": secretKey and interestPrefix must be strings");
        }
        return new PushSettings(requiredText(node, "instanceId", where),
                secret == null || secret.isNull() ? null : secret.textValue(),
                prefix == null || prefix.isNull() ? "" : prefix.textValue());
    }

    private static HistoryLimits history(JsonNode node, HistoryLimits defaults, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return defaults;
        }
        if (!node.isObject()) {
            throw new InvalidAppConfigException(where + ": must be an object");
        }
        checkFields(node, HISTORY_FIELDS, where + ".");
        return new HistoryLimits(
                integer(node, "messages", defaults.messages(), 0, where),
                Duration.ofSeconds(integer(node, "maxAgeSeconds", (int) defaults.maxAge().toSeconds(), 1, where)),
                integer(node, "maxRewind", defaults.maxRewind(), 0, where),
                positive(node, "maxPage", defaults.maxPage(), where));
    }

    /** Validates and builds a webhook target; shared with the configured app. */
    static WebhookTarget webhook(String url, List<String> events, String where) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidAppConfigException(where + ".url: not a URL: " + url);
        }
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new InvalidAppConfigException(where + ".url: must be an absolute http(s) URL, got " + url);
        }
        for (String event : events) {
            if (!WebhookEvent.names().contains(event)) {
                throw new InvalidAppConfigException(where + ".events: unknown webhook event '" + event + "'; known are "
                        + WebhookEvent.names());
            }
        }
        return new WebhookTarget(uri, new LinkedHashSet<>(events));
    }

    /** {@code path} is what precedes a field's name in the error: {@code "file: "} or {@code "file: apps[0]."}. */
    private static void checkFields(JsonNode node, Set<String> known, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String field = it.next().getKey();
            if (!known.contains(field)) {
                throw new InvalidAppConfigException(path + field + ": unknown field; known fields are "
                        + known.stream().sorted().toList());
            }
        }
    }

    private static String requiredText(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new InvalidAppConfigException(where + "." + field + ": required non-empty string");
        }
        return value.textValue();
    }

    private static boolean bool(JsonNode node, String field, boolean fallback, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new InvalidAppConfigException(where + "." + field + ": must be true or false");
        }
        return value.booleanValue();
    }

    private static int positive(JsonNode node, String field, int fallback, String where) {
        return integer(node, field, fallback, 1, where);
    }

    private static int integer(JsonNode node, String field, int fallback, int min, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < min) {
            throw new InvalidAppConfigException(where + "." + field + ": must be an integer ≥ " + min);
        }
        return value.intValue();
    }

    private static List<String> strings(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new InvalidAppConfigException(where + ": must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw new InvalidAppConfigException(where + ": must be an array of strings");
            }
            out.add(element.textValue());
        }
        return out;
    }
}
