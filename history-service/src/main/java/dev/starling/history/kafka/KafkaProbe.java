package dev.starling.history.kafka;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import dev.starling.history.config.HistoryConfig;
import dev.starling.history.ingest.WrittenOffsets;
import dev.starling.history.metrics.HistoryMetrics;
import io.quarkus.scheduler.Scheduled;

/**
 * Probes Kafka every {@code kafka.probe-interval}: reachability (for readiness), the events topic's id, and the
 * write lag of every partition: its end offset minus the next offset known to be written (the group's committed
 * offset, or this process's own written offset if further), so the lag counts records not yet in PostgreSQL,
 * whichever replica owns the partition.
 */
@ApplicationScoped
public class KafkaProbe {

    private static final Logger LOG = Logger.getLogger(KafkaProbe.class);

    private final KafkaAdmin admin;
    private final TopicIdentity topic;
    private final WrittenOffsets written;
    private final HistoryMetrics metrics;
    private final HistoryConfig.Kafka config;
    private final Clock clock;
    private volatile long lastSuccessMillis = -1;
    private volatile String lastError = "not probed yet";

    public KafkaProbe(KafkaAdmin admin, TopicIdentity topic, WrittenOffsets written, HistoryMetrics metrics,
            HistoryConfig config, Clock clock) {
        this.admin = admin;
        this.topic = topic;
        this.written = written;
        this.metrics = metrics;
        this.config = config.kafka();
        this.clock = clock;
    }

    @Scheduled(every = "${starling.history.kafka.probe-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probe() {
        long timeout = config.requestTimeout().toMillis();
        try {
            admin.admin().describeCluster().nodes().get(timeout, TimeUnit.MILLISECONDS);
            if (lastSuccessMillis < 0 || lastError != null) {
                LOG.infof("Kafka reachable at %s", config.bootstrapServers());
            }
            lastSuccessMillis = clock.millis();
            lastError = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            if (lastError == null) {
                LOG.warnf("Kafka unreachable at %s: %s", config.bootstrapServers(), e.toString());
            }
            lastError = e.toString();
            return;
        }
        topic.refresh();
        TopicDescription description = topic.description();
        if (description != null) {
            measureLag(description, timeout);
        }
    }

    private void measureLag(TopicDescription description, long timeout) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        description.partitions().forEach(p -> latest.put(new TopicPartition(topic.topic(), p.partition()),
                OffsetSpec.latest()));
        try {
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.admin().listOffsets(latest).all()
                    .get(timeout, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.admin()
                    .listConsumerGroupOffsets(config.groupId()).partitionsToOffsetAndMetadata()
                    .get(timeout, TimeUnit.MILLISECONDS);
            ends.forEach((partition, end) -> {
                OffsetAndMetadata commit = committed.get(partition);
                long next = Math.max(commit == null ? 0 : commit.offset(), written.get(partition.partition()) + 1);
                metrics.lag(partition.partition(), Math.max(0, end.offset() - next));
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debugf("Cannot measure the write lag: %s", e.toString());
        }
    }

    /** Whether the last probe reached Kafka and it is recent (three intervals plus a timeout). */
    public boolean reachable() {
        long maxAge = 3 * config.probeInterval().toMillis() + config.requestTimeout().toMillis();
        return lastError == null && lastSuccessMillis >= 0 && clock.millis() - lastSuccessMillis <= maxAge;
    }

    /** Why Kafka is not reachable, or {@code null}. */
    public String lastError() {
        return lastError;
    }
}
