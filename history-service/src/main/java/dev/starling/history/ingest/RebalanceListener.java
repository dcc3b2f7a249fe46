package dev.starling.history.ingest;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import dev.starling.history.kafka.TopicIdentity;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Reads the events topic's id whenever partitions are assigned, before their records are handed over, so a topic
 * that was recreated is never stored under the old topic's stream ids.
 */
@ApplicationScoped
@Identifier("history-rebalance")
public class RebalanceListener implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(RebalanceListener.class);

    private final TopicIdentity topic;

    public RebalanceListener(TopicIdentity topic) {
        this.topic = topic;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        topic.refresh();
        LOG.infof("Assigned %s", partitions.stream().map(TopicPartition::partition).sorted().toList());
    }
}
