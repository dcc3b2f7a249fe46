package dev.starling.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.starling.gateway.fakes.FakeGatewayConfig;

/** Building the registry from the configured app and the apps file: ids and keys must be unique across both. */
class AppRegistryTest {

    @TempDir
    Path dir;

    @Test
    void servesTheConfiguredAppAndTheFileAppsByIdAndKey() throws IOException {
        AppRegistry registry = registry(configuredApp("app-id", "app-key"),
                "{\"apps\": [{\"id\": \"1\", \"key\": \"k1\", \"secret\": \"s1\"}, {\"id\": \"2\", \"key\": \"k2\", \"secret\": \"s2\"}]}");

        assertThat(registry.all()).extracting(App::id).containsExactlyInAnyOrder("app-id", "1", "2");
        assertThat(registry.byKey("k2")).map(App::id).contains("2");
        assertThat(registry.byId("app-id")).map(App::key).contains("app-key");
        assertThat(registry.byKey("nope")).isEmpty();
        assertThat(registry.byKey(null)).isEmpty();
        assertThat(registry.byId(null)).isEmpty();
    }

    @Test
    void aDuplicateIdInTheFileIsRefused() {
        assertThatThrownBy(() -> registry(Map.of(),
                "{\"apps\": [{\"id\": \"1\", \"key\": \"k1\", \"secret\": \"s\"}, {\"id\": \"1\", \"key\": \"k2\", \"secret\": \"s\"}]}"))
                .isInstanceOf(InvalidAppConfigException.class)
                .hasMessageContaining("App id '1' is defined twice");
    }

    @Test
    void aDuplicateKeyInTheFileIsRefused() {
        assertThatThrownBy(() -> registry(Map.of(),
                "{\"apps\": [{\"id\": \"1\", \"key\": \"k\", \"secret\": \"s\"}, {\"id\": \"2\", \"key\": \"k\", \"secret\": \"s\"}]}"))
                .isInstanceOf(InvalidAppConfigException.class)
                .hasMessageContaining("App key 'k' is used by two apps");
    }

    @Test
    void theFileCannotReuseTheConfiguredAppsIdOrKey() {
        assertThatThrownBy(() -> registry(configuredApp("app-id", "app-key"),
                "{\"apps\": [{\"id\": \"app-id\", \"key\": \"other\", \"secret\": \"s\"}]}"))
                .isInstanceOf(InvalidAppConfigException.class)
                .hasMessageContaining("App id 'app-id' is defined twice");
        assertThatThrownBy(() -> registry(configuredApp("app-id", "app-key"),
                "{\"apps\": [{\"id\": \"other\", \"key\": \"app-key\", \"secret\": \"s\"}]}"))
                .isInstanceOf(InvalidAppConfigException.class)
                .hasMessageContaining("App key 'app-key' is used by two apps");
    }

    @Test
    void aBrokenFileStopsTheStartNamingTheFileAndField() throws IOException {
        Path file = dir.resolve("apps.json");
        Files.writeString(file, "{\"apps\": [{\"id\": \"1\", \"key\": \"k\", \"secret\": \"s\", \"colour\": 1}]}");
        assertThatThrownBy(() -> new AppRegistry(FakeGatewayConfig.with(Map.of("apps.file", Optional.of(file))), null))
                .isInstanceOf(InvalidAppConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("apps[0].colour");
    }

    @Test
    void aMissingFileNamesTheProperty() {
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> new AppRegistry(FakeGatewayConfig.with(Map.of("apps.file", Optional.of(missing))), null))
                .isInstanceOf(InvalidAppConfigException.class)
                .hasMessageContaining("starling.gateway.apps.file");
    }

    private AppRegistry registry(Map<String, Object> settings, String appsJson) throws IOException {
        Path file = dir.resolve("apps.json");
        Files.writeString(file, appsJson);
        Map<String, Object> all = new HashMap<>(settings);
        all.put("apps.file", Optional.of(file));
        return new AppRegistry(FakeGatewayConfig.with(all), null); // no reload, so no change events
    }

    private static Map<String, Object> configuredApp(String id, String key) {
        return Map.of("defaultApp.id", Optional.of(id), "defaultApp.key", Optional.of(key), "defaultApp.secret",
                Optional.of("secret"));
    }
}
