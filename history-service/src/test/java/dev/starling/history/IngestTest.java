package dev.starling.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import dev.starling.history.support.Backends;
import dev.starling.history.support.GatewayProducer;
import dev.starling.history.support.HistoryTestResource;
import dev.starling.protocol.history.HistoryItem;
import dev.starling.protocol.history.HistoryPage;
import dev.starling.protocol.history.HistoryQuery;
import dev.starling.protocol.history.MessageIds;
import dev.starling.protocol.history.StreamIds;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Records produced exactly as a gateway produces them are stored at their positions: stream id = topic id +
 * partition, serial = offset, message id derived from both, event/data/user_id exactly as in the frame.
 */
@QuarkusTest
@WithTestResource(HistoryTestResource.class)
class IngestTest extends HistoryTestBase {

    private static final String APP = "app-ingest";

    @Inject
    MeterRegistry registry;

    @Test
    void storesEveryMessageAtItsPosition() {
        String topicId = Backends.shared().topicId();
        List<String> channels = List.of("orders", "private-a;b,c=d@e", "presence-room", "#server-to-user-7",
                "private-encrypted-x");
        List<RecordMetadata> sent = new ArrayList<>();
        try (GatewayProducer producer = producer()) {
            for (int i = 0; i < 40; i++) {
                String channel = channels.get(i % channels.size());
                sent.add(i % 3 == 0
                        ? producer.publishClientEvent(APP, channel, "client-typing", "{\"n\":" + i + ",\"s\":\"é\\n\"}",
                                "user-" + i, 1_765_000_000_000L + i)
                        : producer.publish(APP, channel, "order.created", "{\"id\":" + i + "}", 1_765_000_000_000L + i));
            }
            for (String channel : channels) {
                int partition = producer.partitionOf(APP, channel);
                String streamId = StreamIds.kafka(topicId, partition);
                List<Integer> indexes = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    if (channels.get(i % channels.size()).equals(channel)) {
                        indexes.add(i);
                    }
                }
                List<HistoryItem> rows = awaitRows(APP, channel, streamId, indexes.size());
                List<HistoryItem> expected = indexes.stream().map(i -> {
                    RecordMetadata m = sent.get(i);
                    assertThat(m.partition()).isEqualTo(partition);
                    return i % 3 == 0
                            ? new HistoryItem(MessageIds.of(streamId, m.offset()), m.offset(), "client-typing",
                                    "{\"n\":" + i + ",\"s\":\"é\\n\"}", "user-" + i, 1_765_000_000_000L + i)
                            : new HistoryItem(MessageIds.of(streamId, m.offset()), m.offset(), "order.created",
                                    "{\"id\":" + i + "}", null, 1_765_000_000_000L + i);
                }).toList();
                assertThat(rows).as(channel).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void undecodableRecordsAreCountedSkippedAndPassedOver() {
        double before = registry.get("starling.history.records.undecodable").counter().count();
        try (GatewayProducer producer = producer()) {
            String channel = "garbled";
            String streamId = streamOf(producer, APP, channel);
            RecordMetadata first = producer.publish(APP, channel, "e", "1", 1);
            RecordMetadata garbage = producer.sendRaw(APP, channel, new byte[] {1, 1, 0, 0, 0, 99});
            RecordMetadata notAFrame = producer.send(APP, channel, new dev.starling.protocol.cluster.ChannelMessage(APP,
                    channel, "not json", null, dev.starling.protocol.cluster.ChannelMessage.Source.API, "n", 2));
            RecordMetadata last = producer.publish(APP, channel, "e", "3", 3);

            List<HistoryItem> rows = awaitRows(APP, channel, streamId, 2);
            assertThat(rows).extracting(HistoryItem::serial).containsExactly(first.offset(), last.offset());
            assertThat(garbage.offset()).isBetween(first.offset(), last.offset());
            assertThat(notAFrame.offset()).isBetween(first.offset(), last.offset());
            assertThat(registry.get("starling.history.records.undecodable").counter().count() - before)
                    .isEqualTo(2.0);
            HistoryPage page = client().page(APP, channel, HistoryQuery.forwards(streamId));
            assertThat(page.writtenThrough()).isGreaterThanOrEqualTo(last.offset());
        }
    }

    @Test
    void writtenThroughCoversEveryWrittenOffsetOfTheStream() {
        try (GatewayProducer producer = producer()) {
            RecordMetadata sent = producer.publish(APP, "progress", "e", "x", 5);
            String streamId = streamOf(producer, APP, "progress");
            awaitRows(APP, "progress", streamId, 1);
            var answer = client().get(HistoryQuery.writtenThroughPath(streamId));
            assertThat(answer.status()).isEqualTo(200);
            long writtenThrough = Long.parseLong(answer.body().replaceAll(".*\"written_through\":(-?\\d+).*", "$1"));
            assertThat(writtenThrough).isGreaterThanOrEqualTo(sent.offset());
            assertThat(answer.body()).startsWith("{\"stream_id\":\"" + streamId + "\",");
            assertThat(client().get(HistoryQuery.writtenThroughPath("unknown.0")).body())
                    .isEqualTo("{\"stream_id\":\"unknown.0\",\"written_through\":-1}");
        }
    }

    @Test
    void anotherStreamOfTheSameChannelIsEmpty() {
        try (GatewayProducer producer = producer()) {
            producer.publish(APP, "streams", "e", "x", 5);
            String streamId = streamOf(producer, APP, "streams");
            awaitRows(APP, "streams", streamId, 1);
            HistoryPage other = client().page(APP, "streams", HistoryQuery.forwards("recreated-topic.0"));
            assertThat(other.items()).isEmpty();
            assertThat(other.oldestSerial()).isNull();
            assertThat(other.newestSerial()).isNull();
            assertThat(other.writtenThrough()).isEqualTo(-1);
            assertThat(other.hasMore()).isFalse();
        }
    }

    @Test
    void writeLagIsMeasuredPerPartition() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(registry.find("starling.history.write.lag").gauges())
                .hasSize(Backends.PARTITIONS));
    }
}
