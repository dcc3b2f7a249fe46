package dev.starling.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Parsing and validating the apps file: defaults, and an error naming the field for every mistake. */
class AppsFileTest {

    private static final AppDefaults DEFAULTS = new AppDefaults(-1, 10, 10240, 100, Duration.ofSeconds(30));
    private static final String MINIMAL = "{\"id\": \"1\", \"key\": \"k1\", \"secret\": \"s1\"}";

    @Test
    void aMinimalAppGetsEveryDefault() {
        List<App> apps = AppsFile.parse("{\"apps\": [" + MINIMAL + "]}", DEFAULTS, "apps.json");

        assertThat(apps).containsExactly(new App("1", "k1", "s1", true, false, false, Duration.ofSeconds(30), false, false,
                -1, 10, 10240, 100, List.of(), List.of()));
    }

    @Test
    void defaultsComeFromTheGlobalLimits() {
        AppDefaults custom = new AppDefaults(50, 3, 999, 7, Duration.ofSeconds(12));
        App app = AppsFile.parse("{\"apps\": [" + MINIMAL + "]}", custom, "apps.json").get(0);

        assertThat(app.maxConnections()).isEqualTo(50);
        assertThat(app.clientEventsPerSecond()).isEqualTo(3);
        assertThat(app.maxEventDataBytes()).isEqualTo(999);
        assertThat(app.maxPresenceMembers()).isEqualTo(7);
        assertThat(app.authorizedConnectionsTimeout()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void everyFieldIsRead() {
        String json = """
                {"apps": [{"id": "1", "key": "k1", "secret": "s1", "enabled": false, "clientEvents": true,
                  "authorizedConnections": true, "authorizedConnectionsTimeoutSeconds": 5,
                  "watchlistEvents": true, "subscriptionCountEvents": true,
                  "maxConnections": 3, "clientEventsPerSecond": 4, "maxEventDataBytes": 64, "maxPresenceMembers": 2,
                  "allowedOrigins": ["https://example.com", "*.example.org"],
                  "webhooks": [{"url": "https://hooks.example.com/a", "events": ["channel_occupied", "member_added"]},
                               {"url": "http://127.0.0.1:9000/b"}]}]}
                """;
        App app = AppsFile.parse(json, DEFAULTS, "apps.json").get(0);

        assertThat(app).isEqualTo(new App("1", "k1", "s1", false, true, true, Duration.ofSeconds(5), true, true, 3, 4, 64,
                2, List.of("https://example.com", "*.example.org"), List.of(
                        new WebhookTarget(URI.create("https://hooks.example.com/a"), Set.of("channel_occupied", "member_added")),
                        new WebhookTarget(URI.create("http://127.0.0.1:9000/b"), Set.of()))));
        assertThat(app.webhooks().get(0).wants("member_added")).isTrue();
        assertThat(app.webhooks().get(0).wants("channel_vacated")).isFalse();
        assertThat(app.webhooks().get(1).wants("channel_vacated")).isTrue();
    }

    @Test
    void unlimitedConnectionsAndNullsAreAccepted() {
        App app = AppsFile.parse("{\"apps\": [{\"id\": \"1\", \"key\": \"k1\", \"secret\": \"s1\", \"maxConnections\": -1,"
                + " \"enabled\": null, \"allowedOrigins\": null, \"maxPresenceMembers\": null}]}", DEFAULTS, "f").get(0);
        assertThat(app.maxConnections()).isEqualTo(-1);
        assertThat(app.enabled()).isTrue();
        assertThat(app.allowedOrigins()).isEmpty();
        assertThat(app.maxPresenceMembers()).isEqualTo(100);
    }

    @Test
    void severalAppsKeepTheirOrderAndAnEmptyListIsFine() {
        List<App> apps = AppsFile.parse("{\"apps\": [" + MINIMAL + ", {\"id\": \"2\", \"key\": \"k2\", \"secret\": \"s2\"}]}",
                DEFAULTS, "f");
        assertThat(apps).extracting(App::id).containsExactly("1", "2");
        assertThat(AppsFile.parse("{\"apps\": []}", DEFAULTS, "f")).isEmpty();
    }

    // ---- errors name the file and the field --------------------------------------------------------------------

    @Test
    void anUnknownFieldIsNamedWithItsPath() {
        assertError("{\"apps\": [" + MINIMAL + ", {\"id\": \"2\", \"key\": \"k2\", \"secret\": \"s2\", \"clientEvent\": true}]}",
                "apps.json: apps[1].clientEvent: unknown field");
        assertError("{\"apps\": [], \"app\": 1}", "apps.json: app: unknown field");
        assertError("{\"apps\": [{\"id\": \"1\", \"key\": \"k\", \"secret\": \"s\", \"webhooks\": [{\"url\": \"http://a.b/\","
                + " \"event\": []}]}]}", "apps[0].webhooks[0].event: unknown field");
    }

    @Test
    void aMissingOrEmptyCredentialIsNamed() {
        assertError("{\"apps\": [{\"key\": \"k\", \"secret\": \"s\"}]}", "apps[0].id: required non-empty string");
        assertError("{\"apps\": [{\"id\": \"1\", \"secret\": \"s\"}]}", "apps[0].key: required non-empty string");
        assertError("{\"apps\": [{\"id\": \"1\", \"key\": \"k\"}]}", "apps[0].secret: required non-empty string");
        assertError("{\"apps\": [{\"id\": \" \", \"key\": \"k\", \"secret\": \"s\"}]}", "apps[0].id: required non-empty string");
        assertError("{\"apps\": [{\"id\": 1, \"key\": \"k\", \"secret\": \"s\"}]}", "apps[0].id: required non-empty string");
    }

    @Test
    void wrongTypesAreNamed() {
        assertError(app("\"enabled\": \"yes\""), "apps[0].enabled: must be true or false");
        assertError(app("\"clientEvents\": 1"), "apps[0].clientEvents: must be true or false");
        assertError(app("\"maxConnections\": \"5\""), "apps[0].maxConnections: must be an integer");
        assertError(app("\"maxEventDataBytes\": 10.5"), "apps[0].maxEventDataBytes: must be an integer");
        assertError(app("\"maxPresenceMembers\": 10000000000"), "apps[0].maxPresenceMembers: must be an integer");
        assertError(app("\"allowedOrigins\": \"https://example.com\""), "apps[0].allowedOrigins: must be an array of strings");
        assertError(app("\"allowedOrigins\": [1]"), "apps[0].allowedOrigins: must be an array of strings");
        assertError(app("\"webhooks\": {}"), "apps[0].webhooks: must be an array");
        assertError(app("\"webhooks\": [\"http://a.b/\"]"), "apps[0].webhooks[0]: must be an object");
        assertError(app("\"webhooks\": [{\"url\": \"http://a.b/\", \"events\": \"member_added\"}]"),
                "apps[0].webhooks[0].events: must be an array of strings");
        assertError(app("\"webhooks\": [{\"events\": []}]"), "apps[0].webhooks[0].url: required non-empty string");
    }

    @Test
    void negativeOrZeroLimitsAreNamed() {
        assertError(app("\"maxConnections\": -2"), "apps[0].maxConnections: must be an integer ≥ -1");
        assertError(app("\"clientEventsPerSecond\": 0"), "apps[0].clientEventsPerSecond: must be an integer ≥ 1");
        assertError(app("\"maxEventDataBytes\": -1"), "apps[0].maxEventDataBytes: must be an integer ≥ 1");
        assertError(app("\"maxPresenceMembers\": 0"), "apps[0].maxPresenceMembers: must be an integer ≥ 1");
        assertError(app("\"authorizedConnectionsTimeoutSeconds\": 0"),
                "apps[0].authorizedConnectionsTimeoutSeconds: must be an integer ≥ 1");
    }

    @Test
    void aBadWebhookUrlIsNamed() {
        assertError(app("\"webhooks\": [{\"url\": \"not a url\"}]"), "apps[0].webhooks[0].url: not a URL");
        assertError(app("\"webhooks\": [{\"url\": \"/relative/path\"}]"), "apps[0].webhooks[0].url: must be an absolute http(s) URL");
        assertError(app("\"webhooks\": [{\"url\": \"ftp://example.com/x\"}]"), "apps[0].webhooks[0].url: must be an absolute http(s) URL");
        assertError(app("\"webhooks\": [{\"url\": \"https://ok.example.com/\"}, {\"url\": \"mailto:a@b.c\"}]"),
                "apps[0].webhooks[1].url: must be an absolute http(s) URL");
    }

    @Test
    void anUnknownWebhookEventIsNamed() {
        assertError(app("\"webhooks\": [{\"url\": \"https://example.com/\", \"events\": [\"channel_occupied\", \"channel_created\"]}]"),
                "apps[0].webhooks[0].events: unknown webhook event 'channel_created'");
    }

    @Test
    void aFileThatIsNotAnAppsArrayIsRefused() {
        assertError("not json", "apps.json: not valid JSON");
        assertError("[]", "apps.json: expected {\"apps\": [");
        assertError("{}", "apps.json: expected {\"apps\": [");
        assertError("{\"apps\": {}}", "apps.json: expected {\"apps\": [");
        assertError("{\"apps\": [\"1\"]}", "apps.json: apps[0]: must be an object");
        assertError("", "apps.json: expected {\"apps\": [");
    }

    private static String app(String extraField) {
        return "{\"apps\": [{\"id\": \"1\", \"key\": \"k1\", \"secret\": \"s1\", " + extraField + "}]}";
    }

    private static void assertError(String json, String message) {
        assertThatThrownBy(() -> AppsFile.parse(json, DEFAULTS, "apps.json"))
                .isInstanceOf(InvalidAppConfigException.class)
                .hasMessageContaining(message);
    }
}
