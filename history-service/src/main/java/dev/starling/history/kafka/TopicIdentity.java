package dev.starling.history.kafka;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.TopicDescription;
import org.jboss.logging.Logger;

import dev.starling.history.config.HistoryConfig;
import io.smallrye.mutiny.Uni;

/**
 * The Kafka topic id of the events topic, which names its streams ({@code StreamIds.kafka}). It is read when
 * partitions are assigned (before any of their records is handed over), on every Kafka probe, and on demand when
 * unknown. A topic that was deleted and created again has a new id: its streams get new ids, and its offsets
 * (which start again at 0) never collide with the old stream's rows.
 */
@ApplicationScoped
public class TopicIdentity {

    private static final Logger LOG = Logger.getLogger(TopicIdentity.class);

    private final KafkaAdmin admin;
    private final String topic;
    private final long timeoutMillis;
    private final AtomicReference<TopicDescription> current = new AtomicReference<>();

    public TopicIdentity(KafkaAdmin admin, HistoryConfig config) {
        this.admin = admin;
        this.topic = config.kafka().eventsTopic();
        this.timeoutMillis = config.kafka().requestTimeout().toMillis();
    }

    public String topic() {
        return topic;
    }

    /** The topic id, reading it from Kafka (without blocking) when not known yet. */
    public Uni<String> topicId() {
        TopicDescription known = current.get();
        if (known != null) {
            return Uni.createFrom().item(known.topicId().toString());
        }
        return Uni.createFrom().completionStage(() -> admin.admin().describeTopics(List.of(topic))
                        .topicNameValues().get(topic).toCompletionStage())
                .map(description -> {
                    update(description);
                    return description.topicId().toString();
                });
    }

    /** The topic as last described, or {@code null}. */
    public TopicDescription description() {
        return current.get();
    }

    /** Reads the topic id again, blocking up to the request timeout; keeps the previous one if Kafka fails. */
    public void refresh() {
        try {
            update(admin.admin().describeTopics(List.of(topic)).topicNameValues().get(topic)
                    .get(timeoutMillis, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debugf("Cannot describe %s: %s", topic, e.toString());
        }
    }

    private void update(TopicDescription description) {
        TopicDescription previous = current.getAndSet(description);
        if (previous == null) {
            LOG.infof("Events topic %s has id %s (%d partitions)", topic, description.topicId(),
                    description.partitions().size());
        } else if (!previous.topicId().equals(description.topicId())) {
            LOG.warnf("Events topic %s was recreated: id %s -> %s; its messages form new streams", topic,
                    previous.topicId(), description.topicId());
        }
    }
}
