package dev.starling.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.starling.history.retention.RetentionJob;
import dev.starling.history.support.Backends;
import dev.starling.history.support.GatewayProducer;
import dev.starling.history.support.HistoryTestResource;
import dev.starling.protocol.history.HistoryItem;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Retention keeps the newest {@code max-messages} rows per channel and nothing older than {@code max-age}, with
 * per-app overrides, deleting in bounded statements (7 rows each in the tests) and keeping the row counts exact.
 */
@QuarkusTest
@WithTestResource(HistoryTestResource.class)
class RetentionTest extends HistoryTestBase {

    @Inject
    RetentionJob retention;

    private List<Long> publish(GatewayProducer producer, String app, String channel, int count, long publishedAt) {
        List<Long> serials = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            serials.add(producer.publish(app, channel, "e", Integer.toString(i), publishedAt).offset());
        }
        return serials;
    }

    private List<Long> stored(String app, String channel, String streamId) {
        return client().all(app, channel, streamId, 100).stream().map(HistoryItem::serial).toList();
    }

    @Test
    void countKeepsTheNewestRowsPerChannelWithPerAppLimits() throws Exception {
        long now = System.currentTimeMillis();
        try (GatewayProducer producer = producer()) {
            String few = HistoryTestResource.FEW_MESSAGES_APP;
            List<Long> a = publish(producer, few, "count-a", 20, now);
            List<Long> b = publish(producer, few, "count-b", 5, now);
            List<Long> d = publish(producer, "app-retention-default", "count-d", 20, now);
            String streamA = streamOf(producer, few, "count-a");
            String streamB = streamOf(producer, few, "count-b");
            String streamD = streamOf(producer, "app-retention-default", "count-d");
            awaitRows(few, "count-a", streamA, 20);
            awaitRows(few, "count-b", streamB, 5);
            awaitRows("app-retention-default", "count-d", streamD, 20);

            RetentionJob.Outcome outcome = retention.runOnce().await().atMost(Duration.ofSeconds(60));

            assertThat(outcome.deletedByCount()).isGreaterThanOrEqualTo(15);
            assertThat(stored(few, "count-a", streamA)).containsExactlyElementsOf(a.subList(15, 20));
            assertThat(stored(few, "count-b", streamB)).containsExactlyElementsOf(b);
            assertThat(stored("app-retention-default", "count-d", streamD)).containsExactlyElementsOf(d);
            assertThat(rowCount(few, "count-a")).isEqualTo(5);
            assertThat(rowCount(few, "count-b")).isEqualTo(5);
            assertThat(rowCount("app-retention-default", "count-d")).isEqualTo(20);

            // Later messages push the oldest out again.
            List<Long> more = publish(producer, few, "count-a", 3, now);
            awaitRows(few, "count-a", streamA, 8);
            retention.runOnce().await().atMost(Duration.ofSeconds(60));
            List<Long> expected = new ArrayList<>(a.subList(18, 20));
            expected.addAll(more);
            assertThat(stored(few, "count-a", streamA)).containsExactlyElementsOf(expected);
            assertThat(rowCount(few, "count-a")).isEqualTo(5);
        }
    }

    @Test
    void ageDeletesOldRowsWithPerAppMaxAge() throws Exception {
        long now = System.currentTimeMillis();
        long twoHoursAgo = now - Duration.ofHours(2).toMillis();
        long dayAndHourAgo = now - Duration.ofHours(25).toMillis();
        try (GatewayProducer producer = producer()) {
            String shortLived = HistoryTestResource.SHORT_LIVED_APP;
            publish(producer, shortLived, "age-s", 10, twoHoursAgo);
            List<Long> fresh = publish(producer, shortLived, "age-s", 3, now);
            List<Long> kept = publish(producer, "app-retention-age", "age-d", 4, twoHoursAgo);
            publish(producer, "app-retention-age", "age-old", 9, dayAndHourAgo);
            String streamS = streamOf(producer, shortLived, "age-s");
            String streamD = streamOf(producer, "app-retention-age", "age-d");
            String streamOld = streamOf(producer, "app-retention-age", "age-old");
            awaitRows(shortLived, "age-s", streamS, 13);
            awaitRows("app-retention-age", "age-d", streamD, 4);
            awaitRows("app-retention-age", "age-old", streamOld, 9);

            RetentionJob.Outcome outcome = retention.runOnce().await().atMost(Duration.ofSeconds(60));

            assertThat(outcome.deletedByAge()).isGreaterThanOrEqualTo(19);
            assertThat(stored(shortLived, "age-s", streamS)).containsExactlyElementsOf(fresh);
            assertThat(stored("app-retention-age", "age-d", streamD)).containsExactlyElementsOf(kept);
            assertThat(stored("app-retention-age", "age-old", streamOld)).isEmpty();
            assertThat(rowCount(shortLived, "age-s")).isEqualTo(3);
            assertThat(rowCount("app-retention-age", "age-old")).isZero();
        }
    }

    private static long rowCount(String app, String channel) throws Exception {
        try (Connection connection = Backends.shared().postgres().connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT sum(row_count), (SELECT count(*) FROM channel_messages WHERE app_id = ? AND channel = ?)"
                             + " FROM history_channels WHERE app_id = ? AND channel = ?")) {
            statement.setString(1, app);
            statement.setString(2, channel);
            statement.setString(3, app);
            statement.setString(4, channel);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                long counted = result.getLong(1);
                assertThat(counted).as("row_count of %s/%s matches the rows", app, channel).isEqualTo(result.getLong(2));
                return counted;
            }
        }
    }
}
