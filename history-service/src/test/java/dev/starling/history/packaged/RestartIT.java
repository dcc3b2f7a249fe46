package dev.starling.history.packaged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.starling.history.support.Backends;
import dev.starling.history.support.GatewayProducer;
import dev.starling.history.support.HistoryClient;
import dev.starling.protocol.history.HistoryItem;
import dev.starling.protocol.history.StreamIds;

/**
 * The packaged service killed (SIGKILL) after its offsets were committed, then started again: it resumes from the
 * committed offsets (it reads only what was published meanwhile), and history is complete with no duplicate.
 */
class RestartIT {

    private static final String APP = "app-restart";
    private static final String TOKEN = "it-token";
    private static final List<String> CHANNELS = List.of("a", "private-b", "presence-c");

    @Test
    void resumesFromTheCommittedOffsets() throws Exception {
        Backends backends = Backends.shared();
        String topicId = backends.topicId();
        Map<String, List<Long>> sent = new HashMap<>();
        try (GatewayProducer producer = GatewayProducer.toSharedTopic()) {
            try (PackagedHistoryService service = PackagedHistoryService.start("-Dstarling.history.api-token=" + TOKEN)) {
                publish(producer, 0, 100, sent);
                awaitHistory(service, producer, topicId, sent);
                awaitCommitted(backends);
                assertThat(service.counter("starling_history_rows_written_total")).isEqualTo(100.0);
                service.kill();
            }
            publish(producer, 100, 200, sent);
            try (PackagedHistoryService again = PackagedHistoryService.start("-Dstarling.history.api-token=" + TOKEN)) {
                awaitHistory(again, producer, topicId, sent);
                // Only the 100 records published while it was down were read again: it resumed, it did not replay.
                assertThat(again.counter("starling_history_records_consumed_total")).isEqualTo(100.0);
                assertThat(again.counter("starling_history_rows_written_total")).isEqualTo(100.0);
                assertThat(again.counter("starling_history_rows_duplicate_total")).isZero();
                assertThat(again.metrics()).contains("starling_history_write_lag_records{", "starling_history_batches_total",
                        "starling_history_write_failures_total", "starling_history_records_undecodable_total",
                        "starling_history_query_seconds", "starling_history_batch_write_seconds");
                assertThat(again.health("/q/health/live")).isEqualTo(200);
                // SIGTERM is a clean stop: the JVM reports the signal (143), Quarkus has shut down in order.
                assertThat(again.terminate()).as("exit code after SIGTERM").isIn(0, 143);
                assertThat(again.output()).contains("starling-history-service stopped in");
            }
        }
    }

    private static void publish(GatewayProducer producer, int from, int to, Map<String, List<Long>> sent) {
        for (int i = from; i < to; i++) {
            String channel = CHANNELS.get(i % CHANNELS.size());
            sent.computeIfAbsent(channel, c -> new ArrayList<>())
                    .add(producer.publish(APP, channel, "e", Integer.toString(i), i).offset());
        }
    }

    private static void awaitHistory(PackagedHistoryService service, GatewayProducer producer, String topicId,
            Map<String, List<Long>> sent) {
        HistoryClient client = new HistoryClient(service.base(), TOKEN);
        assertThat(new HistoryClient(service.base(), null).get("/v1/streams/x.0/written-through").status())
                .isEqualTo(401);
        for (Map.Entry<String, List<Long>> channel : sent.entrySet()) {
            String streamId = StreamIds.kafka(topicId, producer.partitionOf(APP, channel.getKey()));
            List<Long> stored = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> client.all(APP, channel.getKey(), streamId, 1000).stream().map(HistoryItem::serial)
                            .toList(), serials -> serials.size() >= channel.getValue().size());
            assertThat(stored).as(channel.getKey()).containsExactlyElementsOf(channel.getValue());
        }
    }

    /** Waits until the group "history" has committed the end of every partition. */
    private static void awaitCommitted(Backends backends) {
        try (Admin admin = backends.admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < Backends.PARTITIONS; p++) {
                latest.put(new TopicPartition(Backends.EVENTS_TOPIC, p), OffsetSpec.latest());
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("history")
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                return ends.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                        || (committed.get(end.getKey()) != null
                        && committed.get(end.getKey()).offset() == end.getValue().offset()));
            });
        }
    }
}
