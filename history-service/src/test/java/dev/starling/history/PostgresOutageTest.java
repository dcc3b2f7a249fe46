package dev.starling.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.starling.history.support.Backends;
import dev.starling.history.support.GatewayProducer;
import dev.starling.history.support.HistoryClient;
import dev.starling.history.support.HistoryTestResource;
import dev.starling.protocol.history.HistoryItem;
import dev.starling.protocol.history.HistoryQuery;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * PostgreSQL stopped in the middle of a stream: queries answer 503 at once, readiness goes down, the consumer keeps
 * retrying the batch; once PostgreSQL is back every message is stored exactly once, nothing skipped, by itself.
 */
@QuarkusTest
@WithTestResource(HistoryTestResource.class)
class PostgresOutageTest extends HistoryTestBase {

    private static final String APP = "app-outage";
    private static final String CHANNEL = "private-outage";

    @Inject
    MeterRegistry registry;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    @AfterEach
    void postgresIsBack() {
        Backends.shared().postgres().startAgain();
    }

    @Test
    void historyIsCompleteAfterPostgresComesBack() {
        List<Long> serials = new ArrayList<>();
        try (GatewayProducer producer = producer()) {
            String streamId = streamOf(producer, APP, CHANNEL);
            for (int i = 0; i < 30; i++) {
                serials.add(producer.publish(APP, CHANNEL, "before", Integer.toString(i), i).offset());
            }
            awaitRows(APP, CHANNEL, streamId, 30);
            double failuresBefore = registry.get("starling.history.write.failures").counter().count();

            Backends.shared().postgres().stop();

            String query = HistoryQuery.forwards(streamId).pathAndQuery(APP, CHANNEL);
            await().atMost(WAIT).until(() -> client().get(query).status() == 503);
            HistoryClient.Answer unavailable = client().get(query);
            assertThat(unavailable.status()).isEqualTo(503);
            assertThat(unavailable.body()).isEqualTo("{\"error\":\"history store unavailable\"}");
            await().atMost(WAIT).until(() -> status(readiness) == 503);

            for (int i = 30; i < 60; i++) {
                serials.add(producer.publish(APP, CHANNEL, "during", Integer.toString(i), i).offset());
            }
            await().atMost(WAIT).until(() -> registry.get("starling.history.write.failures").counter().count()
                    > failuresBefore + 2);
            assertThat(registry.get("starling.history.write.retrying").gauge().value()).isEqualTo(1.0);

            Backends.shared().postgres().startAgain();

            List<HistoryItem> rows = awaitRows(APP, CHANNEL, streamId, 60);
            assertThat(rows).extracting(HistoryItem::serial).containsExactlyElementsOf(serials);
            assertThat(rows).extracting(HistoryItem::data).containsExactlyElementsOf(
                    java.util.stream.IntStream.range(0, 60).mapToObj(Integer::toString).toList());
            assertThat(client().page(APP, CHANNEL, HistoryQuery.forwards(streamId)).writtenThrough())
                    .isGreaterThanOrEqualTo(serials.getLast());
            await().atMost(WAIT).until(() -> status(readiness) == 200);
            await().atMost(WAIT).until(() -> registry.get("starling.history.write.retrying").gauge().value() == 0.0);
        }
    }

    private static int status(URL url) {
        try {
            var connection = (java.net.HttpURLConnection) url.openConnection();
            connection.setConnectTimeout(5000);
            connection.setReadTimeout(20000);
            return connection.getResponseCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
