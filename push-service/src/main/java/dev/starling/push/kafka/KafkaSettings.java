package dev.starling.push.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import dev.starling.protocol.push.PushPublishCodec;
import dev.starling.protocol.webhook.WebhookJobCodec;
import dev.starling.push.config.PushConfig;

/** The Kafka client settings of cluster mode, and the topics ({@code {prefix}push}, {@code {prefix}webhooks}). */
@ApplicationScoped
public class KafkaSettings {

    private static final Logger LOG = Logger.getLogger(KafkaSettings.class);

    private final PushConfig.Kafka config;

    public KafkaSettings(PushConfig config) {
        this.config = config.kafka();
        if (config.mode() == PushConfig.Mode.CLUSTER && this.config.bootstrapServers().filter(s -> !s.isBlank())
                .isEmpty()) {
            throw new IllegalStateException("starling.push.kafka.bootstrap-servers is required in cluster mode");
        }
    }

    public String pushTopic() {
        return config.topicPrefix() + PushPublishCodec.TOPIC_SUFFIX;
    }

    public String webhooksTopic() {
        return config.topicPrefix() + WebhookJobCodec.TOPIC_SUFFIX;
    }

    /** The bootstrap servers plus the operator's extra properties. */
    public Map<String, Object> common() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers().orElse(""));
        properties.putAll(config.properties());
        return properties;
    }

    public java.time.Duration sendTimeout() {
        return config.sendTimeout();
    }

    /** Creates the topics that do not exist yet (another replica or a gateway may have created them). */
    public void ensureTopics() throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        try (Admin admin = Admin.create(common())) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            for (String topic : List.of(pushTopic(), webhooksTopic())) {
                if (existing.contains(topic)) {
                    continue;
                }
                try {
                    admin.createTopics(List.of(new NewTopic(topic, java.util.Optional.of(config.partitions()),
                            java.util.Optional.of(config.replicationFactor())))).all().get(30, TimeUnit.SECONDS);
                    LOG.infof("Created topic %s (%d partitions)", topic, config.partitions());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }
}
