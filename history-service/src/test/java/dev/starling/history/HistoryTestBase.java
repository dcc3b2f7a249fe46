package dev.starling.history;

import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import io.quarkus.test.common.http.TestHTTPResource;

import dev.starling.history.support.Backends;
import dev.starling.history.support.GatewayProducer;
import dev.starling.history.support.HistoryClient;
import dev.starling.history.support.HistoryTestResource;
import dev.starling.protocol.history.HistoryItem;
import dev.starling.protocol.history.StreamIds;

/**
 * What the {@code @QuarkusTest} classes share: the API client, a producer that writes like a gateway, and waiting
 * for history to catch up. Every class uses the same test resource, so Quarkus, Kafka and PostgreSQL start once.
 * Each class uses its own app ids, so their rows never mix.
 */
abstract class HistoryTestBase {

    static final Duration WAIT = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URL base;

    HistoryClient client() {
        return new HistoryClient(base.toString(), HistoryTestResource.TOKEN);
    }

    static GatewayProducer producer() {
        return GatewayProducer.toSharedTopic();
    }

    static String streamOf(GatewayProducer producer, String appId, String channel) {
        return StreamIds.kafka(Backends.shared().topicId(), producer.partitionOf(appId, channel));
    }

    /** Waits until the channel's history holds {@code count} rows and returns them, oldest first. */
    List<HistoryItem> awaitRows(String appId, String channel, String streamId, int count) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> client().all(appId, channel, streamId, 100), rows -> rows.size() >= count);
    }
}
