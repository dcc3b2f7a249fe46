package dev.starling.push.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.starling.protocol.push.PushPublish;
import dev.starling.protocol.push.PushPublishCodec;
import dev.starling.protocol.webhook.WebhookJob;
import dev.starling.protocol.webhook.WebhookJobCodec;
import dev.starling.push.config.PushConfig;
import dev.starling.push.delivery.DeliveryEngine;
import dev.starling.push.delivery.DeliveryStore;
import dev.starling.push.instance.Instances;
import dev.starling.push.metrics.PushMetrics;
import dev.starling.push.webhook.WebhookEngine;
import dev.starling.push.webhook.WebhookStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Cluster mode's two consumers: group {@code push} reads {@code {prefix}push} into the publish table, group
 * {@code push-webhooks} reads {@code {prefix}webhooks} into the webhook table. Both commit only what PostgreSQL
 * holds. Started after the schema migration, stopped first at shutdown.
 */
@ApplicationScoped
public class KafkaConsumers {

    private static final Logger LOG = Logger.getLogger(KafkaConsumers.class);
    public static final String PUSH_GROUP = "push";
    public static final String WEBHOOKS_GROUP = "push-webhooks";

    private final PushConfig config;
    private final KafkaSettings settings;
    private final KafkaPublishLog publishLog;
    private final DeliveryStore deliveries;
    private final DeliveryEngine deliveryEngine;
    private final WebhookStore webhooks;
    private final WebhookEngine webhookEngine;
    private final Instances instances;
    private final PushMetrics metrics;
    private final List<TopicConsumer<?>> consumers = new ArrayList<>();
    private volatile boolean topicsReady;

    public KafkaConsumers(PushConfig config, KafkaSettings settings, KafkaPublishLog publishLog,
            DeliveryStore deliveries, DeliveryEngine deliveryEngine, WebhookStore webhooks,
            WebhookEngine webhookEngine, Instances instances, PushMetrics metrics) {
        this.config = config;
        this.settings = settings;
        this.publishLog = publishLog;
        this.deliveries = deliveries;
        this.deliveryEngine = deliveryEngine;
        this.webhooks = webhooks;
        this.webhookEngine = webhookEngine;
        this.instances = instances;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) throws Exception {
        if (config.mode() != PushConfig.Mode.CLUSTER) {
            return;
        }
        settings.ensureTopics();
        topicsReady = true;
        publishLog.warmUp();
        consumers.add(new TopicConsumer<PushPublish>(settings.pushTopic(), PUSH_GROUP, settings,
                PushPublishCodec::decode, this::storePublishes, () -> metrics.kafkaRecordRejected(settings.pushTopic())));
        consumers.add(new TopicConsumer<WebhookJob>(settings.webhooksTopic(), WEBHOOKS_GROUP, settings,
                WebhookJobCodec::decode, this::storeWebhooks,
                () -> metrics.kafkaRecordRejected(settings.webhooksTopic())));
        consumers.forEach(TopicConsumer::start);
        LOG.infof("Consuming %s (group %s) and %s (group %s)", settings.pushTopic(), PUSH_GROUP,
                settings.webhooksTopic(), WEBHOOKS_GROUP);
    }

    void stop(@Observes ShutdownEvent event) {
        consumers.forEach(TopicConsumer::stop);
    }

    /** Ready: every consumer polled within the last 30 s (true in standalone mode). */
    public boolean healthy() {
        return config.mode() != PushConfig.Mode.CLUSTER
                || (topicsReady && consumers.stream().allMatch(c -> c.healthy(Duration.ofSeconds(30))));
    }

    private io.smallrye.mutiny.Uni<Void> storePublishes(List<PushPublish> publishes) {
        List<PushPublish> known = new ArrayList<>(publishes.size());
        for (PushPublish publish : publishes) {
            if (instances.find(publish.instanceId()).isPresent()) {
                known.add(publish);
            } else {
                metrics.kafkaRecordRejected(settings.pushTopic());
                LOG.warnf("Skipping publish %s for unknown instance %s", publish.publishId(), publish.instanceId());
            }
        }
        return deliveries.insertPublishes(known).invoke(count -> {
            if (count > 0) {
                deliveryEngine.wake();
            }
        }).replaceWithVoid();
    }

    private io.smallrye.mutiny.Uni<Void> storeWebhooks(List<WebhookJob> messages) {
        return webhooks.apply(messages).invoke(cancelled -> {
            for (WebhookJob message : messages) {
                metrics.webhookReceived(message instanceof WebhookJob.Cancel ? "cancel" : "job");
            }
            for (int i = 0; i < cancelled; i++) {
                metrics.webhookCancelled();
            }
            webhookEngine.wake();
        }).replaceWithVoid();
    }
}
