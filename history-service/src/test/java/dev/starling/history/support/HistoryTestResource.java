package dev.starling.history.support;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the application under test at the shared {@link Backends} and sets what the tests rely on: a bearer token,
 * retention run by the tests themselves, per-app retention overrides, short backoffs.
 */
public class HistoryTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "test-token-0123456789";
    /** An app whose channels keep at most 5 rows. */
    public static final String FEW_MESSAGES_APP = "app-few";
    /** An app whose rows expire after 1 hour. */
    public static final String SHORT_LIVED_APP = "app-short-lived";

    @Override
    public Map<String, String> start() {
        Backends backends = Backends.shared();
        Map<String, String> config = new HashMap<>();
        config.put("starling.history.kafka.bootstrap-servers", backends.kafka().bootstrapServers());
        config.put("starling.history.kafka.probe-interval", "1s");
        config.put("quarkus.datasource.jdbc.url", backends.postgres().jdbcUrl());
        config.put("quarkus.datasource.reactive.url", backends.postgres().reactiveUrl());
        config.put("quarkus.datasource.username", backends.postgres().user());
        config.put("quarkus.datasource.password", backends.postgres().password());
        config.put("starling.history.api-token", TOKEN);
        config.put("starling.history.retention.enabled", "false");
        config.put("starling.history.retention.delete-batch", "7");
        config.put("starling.history.apps.\"" + FEW_MESSAGES_APP + "\".max-messages", "5");
        config.put("starling.history.apps.\"" + SHORT_LIVED_APP + "\".max-age", "1h");
        config.put("starling.history.write.initial-backoff", "50ms");
        config.put("starling.history.write.max-backoff", "500ms");
        config.put("starling.history.api.query-timeout", "2s");
        config.put("starling.history.api.max-page-size", "100");
        return config;
    }

    @Override
    public void stop() {
        // The backends are shared by every test of the JVM and stopped by their shutdown hook.
    }
}
