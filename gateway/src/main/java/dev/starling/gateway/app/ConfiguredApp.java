package dev.starling.gateway.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.starling.gateway.config.GatewayConfig;

/** Builds the app defined by {@code starling.gateway.default-app.*}, if any. */
final class ConfiguredApp {

    private static final String PREFIX = "starling.gateway.default-app.";

    private ConfiguredApp() {
    }

    static Optional<App> from(GatewayConfig.DefaultApp config, AppDefaults defaults) {
        if (config.id().isEmpty()) {
            return Optional.empty();
        }
        String key = config.key().orElseThrow(() -> new InvalidAppConfigException(PREFIX + "key: required when "
                + PREFIX + "id is set"));
        String secret = config.secret().orElseThrow(() -> new InvalidAppConfigException(PREFIX + "secret: required when "
                + PREFIX + "id is set"));
        List<WebhookTarget> webhooks = new ArrayList<>();
        for (int i = 0; i < config.webhooks().size(); i++) {
            GatewayConfig.Webhook hook = config.webhooks().get(i);
            webhooks.add(AppsFile.webhook(hook.url(), hook.events().orElse(List.of()), PREFIX + "webhooks[" + i + "]"));
        }
        return Optional.of(new App(
                config.id().get(), key, secret,
                config.enabled(),
                config.clientEvents(),
                config.authorizedConnections(),
                config.authorizedConnectionsTimeout(),
                config.watchlistEvents(),
                config.subscriptionCountEvents(),
                atLeast(config.maxConnections().orElse(defaults.maxConnections()), -1, "max-connections"),
                atLeast(config.clientEventsPerSecond().orElse(defaults.clientEventsPerSecond()), 1, "client-events-per-second"),
                atLeast(config.maxEventDataBytes().orElse(defaults.maxEventDataBytes()), 1, "max-event-data-bytes"),
                atLeast(config.maxPresenceMembers().orElse(defaults.maxPresenceMembers()), 1, "max-presence-members"),
                config.allowedOrigins().orElse(List.of()),
                webhooks,
                history(config.history(), defaults.history()),
                config.push().instanceId().map(instance -> new PushSettings(instance,
                        config.push().secretKey().orElse(null), config.push().interestPrefix().orElse(""))).orElse(null)));
    }

    private static HistoryLimits history(GatewayConfig.AppHistory config, HistoryLimits defaults) {
        return new HistoryLimits(
                atLeast(config.messages().orElse(defaults.messages()), 0, "history.messages"),
                config.maxAge().orElse(defaults.maxAge()),
                atLeast(config.maxRewind().orElse(defaults.maxRewind()), 0, "history.max-rewind"),
                atLeast(config.maxPage().orElse(defaults.maxPage()), 1, "history.max-page"));
    }

    private static int atLeast(int value, int min, String key) {
        if (value < min) {
            throw new InvalidAppConfigException(PREFIX + key + ": must be ≥ " + min + ", got " + value);
        }
        return value;
    }
}
