package dev.starling.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.fakes.FakeGatewayConfig;

/** The app defined by {@code starling.gateway.default-app.*}. */
class ConfiguredAppTest {

    private static final AppDefaults DEFAULTS = new AppDefaults(-1, 10, 10240, 100, Duration.ofSeconds(30));

    @Test
    void noIdMeansNoApp() {
        assertThat(ConfiguredApp.from(defaultApp(Map.of()), DEFAULTS)).isEmpty();
    }

    @Test
    void anAppWithOnlyCredentialsGetsTheDefaults() {
        App app = ConfiguredApp.from(defaultApp(credentials()), DEFAULTS).orElseThrow();

        assertThat(app).isEqualTo(new App("app-id", "app-key", "app-secret", true, false, false, Duration.ofSeconds(30),
                false, false, -1, 10, 10240, 100, List.of(), List.of()));
    }

    @Test
    void everySettingIsRead() {
        Map<String, Object> settings = credentials();
        settings.put("defaultApp.enabled", false);
        settings.put("defaultApp.clientEvents", true);
        settings.put("defaultApp.authorizedConnections", true);
        settings.put("defaultApp.authorizedConnectionsTimeout", Duration.ofSeconds(9));
        settings.put("defaultApp.watchlistEvents", true);
        settings.put("defaultApp.subscriptionCountEvents", true);
        settings.put("defaultApp.maxConnections", OptionalInt.of(5));
        settings.put("defaultApp.clientEventsPerSecond", OptionalInt.of(6));
        settings.put("defaultApp.maxEventDataBytes", OptionalInt.of(7));
        settings.put("defaultApp.maxPresenceMembers", OptionalInt.of(8));
        settings.put("defaultApp.allowedOrigins", Optional.of(List.of("*.example.com")));
        settings.put("defaultApp.webhooks", List.of(webhook("https://example.com/hooks", List.of("member_added"))));

        App app = ConfiguredApp.from(defaultApp(settings), DEFAULTS).orElseThrow();

        assertThat(app).isEqualTo(new App("app-id", "app-key", "app-secret", false, true, true, Duration.ofSeconds(9),
                true, true, 5, 6, 7, 8, List.of("*.example.com"),
                List.of(new WebhookTarget(URI.create("https://example.com/hooks"), Set.of("member_added")))));
    }

    @Test
    void anIdWithoutKeyOrSecretNamesTheMissingKey() {
        Map<String, Object> noKey = credentials();
        noKey.put("defaultApp.key", Optional.empty());
        assertThatThrownBy(() -> ConfiguredApp.from(defaultApp(noKey), DEFAULTS))
                .isInstanceOf(InvalidAppConfigException.class)
                .hasMessageContaining("starling.gateway.default-app.key");

        Map<String, Object> noSecret = credentials();
        noSecret.put("defaultApp.secret", Optional.empty());
        assertThatThrownBy(() -> ConfiguredApp.from(defaultApp(noSecret), DEFAULTS))
                .isInstanceOf(InvalidAppConfigException.class)
                .hasMessageContaining("starling.gateway.default-app.secret");
    }

    @Test
    void limitsBelowTheirMinimumNameTheKey() {
        assertLimitRefused("defaultApp.maxConnections", -2, "starling.gateway.default-app.max-connections");
        assertLimitRefused("defaultApp.clientEventsPerSecond", 0, "starling.gateway.default-app.client-events-per-second");
        assertLimitRefused("defaultApp.maxEventDataBytes", 0, "starling.gateway.default-app.max-event-data-bytes");
        assertLimitRefused("defaultApp.maxPresenceMembers", -5, "starling.gateway.default-app.max-presence-members");
    }

    @Test
    void badWebhooksNameTheirIndex() {
        Map<String, Object> badUrl = credentials();
        badUrl.put("defaultApp.webhooks", List.of(webhook("https://ok.example.com/", List.of()), webhook("example.com/x",
                List.of())));
        assertThatThrownBy(() -> ConfiguredApp.from(defaultApp(badUrl), DEFAULTS))
                .isInstanceOf(InvalidAppConfigException.class)
                .hasMessageContaining("starling.gateway.default-app.webhooks[1].url");

        Map<String, Object> badEvent = credentials();
        badEvent.put("defaultApp.webhooks", List.of(webhook("https://ok.example.com/", List.of("member_joined"))));
        assertThatThrownBy(() -> ConfiguredApp.from(defaultApp(badEvent), DEFAULTS))
                .isInstanceOf(InvalidAppConfigException.class)
                .hasMessageContaining("starling.gateway.default-app.webhooks[0].events")
                .hasMessageContaining("member_joined");
    }

    private static void assertLimitRefused(String property, int value, String key) {
        Map<String, Object> settings = credentials();
        settings.put(property, OptionalInt.of(value));
        assertThatThrownBy(() -> ConfiguredApp.from(defaultApp(settings), DEFAULTS))
                .isInstanceOf(InvalidAppConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(String.valueOf(value));
    }

    private static Map<String, Object> credentials() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("defaultApp.id", Optional.of("app-id"));
        settings.put("defaultApp.key", Optional.of("app-key"));
        settings.put("defaultApp.secret", Optional.of("app-secret"));
        return settings;
    }

    private static GatewayConfig.DefaultApp defaultApp(Map<String, Object> settings) {
        return FakeGatewayConfig.with(settings).defaultApp();
    }

    private static GatewayConfig.Webhook webhook(String url, List<String> events) {
        return new GatewayConfig.Webhook() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public Optional<List<String>> events() {
                return Optional.of(events);
            }
        };
    }
}
