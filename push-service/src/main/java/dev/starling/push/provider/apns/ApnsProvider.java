package dev.starling.push.provider.apns;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.protocol.json.Json;
import dev.starling.push.config.PushConfig;
import dev.starling.push.delivery.Outcome;
import dev.starling.push.delivery.PushProvider;
import dev.starling.push.delivery.Task;
import dev.starling.push.device.Platform;
import dev.starling.push.instance.Instance;
import dev.starling.push.publish.PushPayloads;
import io.smallrye.mutiny.Uni;

/**
 * APNs over HTTP/2 with token authentication, through Pushy: one client per instance (its .p8 key, key id and team
 * id sign the provider tokens; the notifications go to its topic). The payload is the publish's {@code apns} object
 * with {@code data.pusher} added; an alert (or badge or sound) is sent as push type {@code alert} at priority 10,
 * anything else as {@code background} at priority 5, as Apple requires.
 *
 * <p>Answers: accepted delivered; {@code Unregistered} and {@code BadDeviceToken} prune the device;
 * {@code TooManyRequests}, {@code InternalServerError}, {@code ServiceUnavailable}, {@code Shutdown} and
 * connection failures are retried; other rejections are dead letters.
 */
@ApplicationScoped
public class ApnsProvider implements PushProvider {

    private static final Logger LOG = Logger.getLogger(ApnsProvider.class);
    private static final Set<String> PRUNE = Set.of("Unregistered", "BadDeviceToken", "ExpiredToken");
    private static final Set<String> RETRY = Set.of("TooManyRequests", "InternalServerError", "ServiceUnavailable",
            "Shutdown", "IdleTimeout", "ExpiredProviderToken");

    /** How long APNs stores a notification for an offline device (it stores only the latest per device). */
    private static final Duration EXPIRATION = Duration.ofDays(28);

    private final PushConfig.Apns config;
    private final Clock clock;
    private final Map<String, ApnsClient> clients = new ConcurrentHashMap<>();

    public ApnsProvider(PushConfig config, Clock clock) {
        this.config = config.apns();
        this.clock = clock;
    }

    @PreDestroy
    void close() {
        for (ApnsClient client : clients.values()) {
            try {
                client.close().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debugf("APNs client close: %s", e.getMessage());
            }
        }
    }

    @Override
    public Platform platform() {
        return Platform.APNS;
    }

    @Override
    public boolean configured(Instance instance) {
        return instance.apns().isPresent();
    }

    @Override
    public int maxInFlight() {
        return config.maxInFlight();
    }

    @Override
    public Uni<Outcome> send(Instance instance, Task task) {
        String payload = PushPayloads.apns(task.request(), instance.id(), task.publishId());
        if (payload == null) {
            return Uni.createFrom().item(new Outcome.Fail("the publish has no apns payload"));
        }
        ApnsClient client;
        try {
            client = clients.computeIfAbsent(instance.id(), id -> build(instance.apns().orElseThrow()));
        } catch (RuntimeException e) {
            return Uni.createFrom().item(new Outcome.Fail("APNs client: " + e.getMessage()));
        }
        boolean alert = isAlert(payload);
        SimpleApnsPushNotification notification = new SimpleApnsPushNotification(task.token(),
                instance.apns().get().topic(), payload, clock.instant().plus(EXPIRATION),
                alert ? DeliveryPriority.IMMEDIATE : DeliveryPriority.CONSERVE_POWER,
                alert ? PushType.ALERT : PushType.BACKGROUND);
        CompletableFuture<PushNotificationResponse<SimpleApnsPushNotification>> future =
                client.sendNotification(notification);
        return Uni.createFrom().completionStage(future.orTimeout(config.requestTimeout().toMillis(),
                        TimeUnit.MILLISECONDS))
                .map(ApnsProvider::classify)
                .onFailure().recoverWithItem(e -> Outcome.retry("network: " + e.getClass().getSimpleName()));
    }

    static Outcome classify(PushNotificationResponse<?> response) {
        if (response.isAccepted()) {
            return Outcome.delivered();
        }
        String reason = response.getRejectionReason().orElse("status_" + response.getStatusCode());
        if (PRUNE.contains(reason) || response.getTokenInvalidationTimestamp().isPresent()) {
            return new Outcome.Prune(reason);
        }
        if (RETRY.contains(reason) || response.getStatusCode() == 429 || response.getStatusCode() >= 500) {
            return Outcome.retry(reason);
        }
        return new Outcome.Fail(reason);
    }

    private static boolean isAlert(String payload) {
        try {
            JsonNode aps = Json.MAPPER.readTree(payload).path("aps");
            return aps.has("alert") || aps.has("badge") || aps.has("sound");
        } catch (Exception e) {
            return true;
        }
    }

    private ApnsClient build(Instance.Apns apns) {
        try {
            ApnsClientBuilder builder = new ApnsClientBuilder()
                    .setApnsServer(apns.host(), apns.port())
                    .setSigningKey(ApnsSigningKey.loadFromPkcs8File(apns.keyFile().toFile(), apns.teamId(),
                            apns.keyId()))
                    .setConcurrentConnections(Math.max(1, config.connections()))
                    .setConnectionTimeout(config.requestTimeout())
                    .setGracefulShutdownTimeout(Duration.ofSeconds(2));
            Optional<java.nio.file.Path> trusted = apns.trustedCertificateFile();
            trusted.ifPresent(path -> builder.setTrustedServerCertificateChain(path.toFile()));
            return builder.build();
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
