package dev.starling.gateway.support;

import dev.starling.testkit.WebhookReceiver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the webhook receiver and writes the apps file for {@code @QuarkusTest}s. Every {@code @QuarkusTest} class
 * declares {@code @WithTestResource(StarlingTestResource.class)} and nothing else, so all of them share one
 * application start.
 */
public class StarlingTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile WebhookReceiver receiver;
    private static volatile Path appsFile;

    public static WebhookReceiver webhooks() {
        return receiver;
    }

    /** The apps file the running gateway reads (tests may rewrite it to test reloads, then restore it). */
    public static Path appsFile() {
        return appsFile;
    }

    public static String defaultAppsJson() {
        return TestApps.appsJson(receiver.url("/hooks"), receiver.url("/filtered"));
    }

    @Override
    public Map<String, String> start() {
        try {
            receiver = new WebhookReceiver(TestApps.secretsByKey());
            appsFile = Files.createTempFile("starling-apps", ".json");
            Files.writeString(appsFile, defaultAppsJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "starling.gateway.apps.file", appsFile.toString(),
                "starling.gateway.apps.reload-interval", "1s",
                // A small outbound bound so the slow-consumer test needs little data.
                "starling.gateway.limits.max-outbound-bytes", "262144",
                // A short close timeout so the test of a client that never reads again ends soon.
                "starling.gateway.limits.close-timeout", "2s");
    }

    @Override
    public void stop() {
        if (receiver != null) {
            receiver.stop();
        }
        try {
            if (appsFile != null) {
                Files.deleteIfExists(appsFile);
            }
        } catch (IOException ignored) {
            // temp file
        }
    }
}
