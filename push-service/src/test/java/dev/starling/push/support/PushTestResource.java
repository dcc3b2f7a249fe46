package dev.starling.push.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Everything a {@code @QuarkusTest} of push-service talks to, real and local: PostgreSQL, a Web Push service, FCM
 * (with its OAuth2 token endpoint) and APNs. Every {@code @QuarkusTest} class declares
 * {@code @WithTestResource(PushTestResource.class)} and nothing else, so they all share one application start.
 * Standalone mode; instance {@value #INSTANCE} has all three providers, the demo instance only Web Push.
 */
public class PushTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String INSTANCE = "test-instance";
    public static final String SECRET = "test-secret-key";
    public static final String ADMIN_TOKEN = "test-admin-token";

    private static volatile Postgres postgres;
    private static volatile WebPushReceiver webPush;
    private static volatile FcmServer fcm;
    private static volatile ApnsServer apns;

    public static Postgres postgres() {
        return postgres;
    }

    public static WebPushReceiver webPush() {
        return webPush;
    }

    public static FcmServer fcm() {
        return fcm;
    }

    public static ApnsServer apns() {
        return apns;
    }

    @Override
    public Map<String, String> start() {
        try {
            Path files = Files.createDirectories(Path.of("target", "test-credentials"));
            postgres = Postgres.start();
            webPush = new WebPushReceiver();
            fcm = new FcmServer();
            apns = new ApnsServer(files);
            String prefix = "starling.push.instances.\"" + INSTANCE + "\".";
            Map<String, String> config = new HashMap<>();
            config.put("starling.push.db.url", postgres.url());
            config.put("starling.push.db.username", postgres.user());
            config.put("starling.push.db.password", postgres.password());
            config.put("starling.push.web.allowed-endpoints", webPush.endpointPrefix());
            config.put(prefix + "secret-key", SECRET);
            config.put(prefix + "fcm.service-account-file", fcm.writeServiceAccount(files).toString());
            config.put(prefix + "fcm.endpoint", fcm.endpoint());
            config.put(prefix + "apns.key-file", apns.writeSigningKey().toString());
            config.put(prefix + "apns.key-id", ApnsServer.KEY_ID);
            config.put(prefix + "apns.team-id", ApnsServer.TEAM_ID);
            config.put(prefix + "apns.topic", ApnsServer.TOPIC);
            config.put(prefix + "apns.endpoint", apns.endpoint());
            config.put(prefix + "apns.trusted-certificate-file", apns.certificate().toString());
            config.put("starling.push.admin.token", ADMIN_TOKEN);
            config.put("starling.push.delivery.poll-interval", "100ms");
            config.put("starling.push.delivery.initial-backoff", "200ms");
            config.put("starling.push.delivery.max-backoff", "1s");
            config.put("starling.push.delivery.max-age", "6s");
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test servers", e);
        }
    }

    @Override
    public void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {webPush, fcm, apns, postgres}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }
}
