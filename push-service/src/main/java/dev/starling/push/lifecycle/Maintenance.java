package dev.starling.push.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.starling.push.config.PushConfig;
import dev.starling.push.delivery.DeliveryStore;
import dev.starling.push.deadletter.DeadLetterStore;
import dev.starling.push.webhook.WebhookStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;

/**
 * Once a minute: deletes finished publishes after {@code delivery.publish-retention}, dead letters after
 * {@code dead-letters.retention}, and delivered or cancelled webhook jobs after {@code webhooks.retention}.
 */
@ApplicationScoped
public class Maintenance {

    private static final Logger LOG = Logger.getLogger(Maintenance.class);

    private final Vertx vertx;
    private final DeliveryStore deliveries;
    private final DeadLetterStore deadLetters;
    private final WebhookStore webhooks;
    private final PushConfig config;
    private long timer = -1;

    public Maintenance(Vertx vertx, DeliveryStore deliveries, DeadLetterStore deadLetters, WebhookStore webhooks,
            PushConfig config) {
        this.vertx = vertx;
        this.deliveries = deliveries;
        this.deadLetters = deadLetters;
        this.webhooks = webhooks;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(5_000, 60_000, id -> run());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    private void run() {
        deliveries.deleteFinishedPublishes(config.delivery().publishRetention())
                .flatMap(ignored -> deadLetters.deleteOlderThan(config.deadLetters().retention()))
                .flatMap(ignored -> webhooks.deleteFinishedBefore(config.webhooks().retention()))
                .subscribe().with(ignored -> { }, failure -> LOG.debugf("Maintenance skipped: %s",
                        failure.getMessage()));
    }
}
