package dev.starling.gateway.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.starling.gateway.cluster.Outbox;
import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.time.GatewayClock;

/** Chooses who delivers webhooks ({@code starling.gateway.webhooks.delivery}). */
@ApplicationScoped
public class WebhookSinks {

    private static final Logger LOG = Logger.getLogger(WebhookSinks.class);

    @Produces
    @Singleton
    WebhookSink sink(GatewayConfig config, WebhookDebouncer inProcess, Outbox outbox, GatewayClock clock) {
        if (config.webhooks().delivery() == GatewayConfig.Webhooks.Delivery.GATEWAY) {
            return inProcess;
        }
        if (config.cluster().mode() != GatewayConfig.Cluster.Mode.KAFKA) {
            throw new IllegalStateException("starling.gateway.webhooks.delivery=push-service needs "
                    + "starling.gateway.cluster.mode=kafka (push-service reads the jobs from Kafka)");
        }
        LOG.info("Webhooks are handed to push-service through the Kafka webhooks topic");
        return new DurableWebhookSink(outbox, clock, config.webhooks().debounce());
    }
}
