package dev.starling.history.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.starling.history.kafka.TopicIdentity;
import dev.starling.history.metrics.HistoryMetrics;
import dev.starling.history.store.MessageRow;
import dev.starling.history.store.PartitionProgress;
import dev.starling.protocol.Parsed;
import dev.starling.protocol.history.StreamIds;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Consumes the events topic in batches (consumer group {@code history}, channel {@code events} in
 * application.properties) and stores every channel message at its position.
 *
 * <p>Guarantees: a batch is acknowledged (its offsets committed) only after its transaction has committed, so a
 * crash at any point leads to redelivery, never to loss; redelivered rows are skipped by the idempotent insert, so
 * each message is stored exactly once. Batches are handled one at a time, in order, so the per-partition
 * written-through offset only moves over records that are all written. A record that cannot be decoded is counted,
 * logged once and skipped (it would fail the same way forever); its offset still counts as handled.
 */
@ApplicationScoped
public class EventsConsumer {

    private static final Logger LOG = Logger.getLogger(EventsConsumer.class);

    private final TopicIdentity topic;
    private final BatchWriter writer;
    private final WrittenOffsets writtenOffsets;
    private final HistoryMetrics metrics;

    public EventsConsumer(TopicIdentity topic, BatchWriter writer, WrittenOffsets writtenOffsets,
            HistoryMetrics metrics) {
        this.topic = topic;
        this.writer = writer;
        this.writtenOffsets = writtenOffsets;
        this.metrics = metrics;
    }

    @Incoming("events")
    public Uni<Void> consume(KafkaRecordBatch<byte[], byte[]> batch) {
        List<KafkaRecord<byte[], byte[]>> records = batch.getRecords();
        metrics.consumed(records.size());
        return topic.topicId()
                .onFailure().retry().withBackOff(java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(5))
                .indefinitely()
                .flatMap(topicId -> write(topicId, records))
                .flatMap(ignored -> Uni.createFrom().completionStage(batch::ack));
    }

    private Uni<Long> write(String topicId, List<KafkaRecord<byte[], byte[]>> records) {
        List<MessageRow> rows = new ArrayList<>(records.size());
        Map<Integer, PartitionProgress> progress = new LinkedHashMap<>();
        for (KafkaRecord<byte[], byte[]> record : records) {
            long offset = offset(record);
            String streamId = StreamIds.kafka(topicId, record.getPartition());
            Parsed<MessageRow> row = RecordDecoder.decode(streamId, offset, record.getPayload());
            if (row.isOk()) {
                rows.add(row.value());
            } else {
                metrics.undecodable();
                LOG.warnf("Skipping undecodable record %s-%d@%d: %s", record.getTopic(), record.getPartition(),
                        offset, row.reason());
            }
            progress.merge(record.getPartition(), new PartitionProgress(streamId, record.getTopic(),
                    record.getPartition(), offset),
                    (a, b) -> a.throughOffset() >= b.throughOffset() ? a : b);
        }
        List<PartitionProgress> reached = List.copyOf(progress.values());
        return writer.writeUntilDone(rows, reached)
                .invoke(() -> reached.forEach(p -> writtenOffsets.written(p.partition(), p.throughOffset())));
    }

    private static long offset(KafkaRecord<byte[], byte[]> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("record without Kafka metadata")).getOffset();
    }
}
