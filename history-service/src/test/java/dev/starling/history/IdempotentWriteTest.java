package dev.starling.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.starling.history.store.MessageRow;
import dev.starling.history.store.MessageWriter;
import dev.starling.history.store.PartitionProgress;
import dev.starling.history.store.StoreContext;
import dev.starling.history.support.HistoryTestResource;
import dev.starling.protocol.history.HistoryItem;
import dev.starling.protocol.history.HistoryPage;
import dev.starling.protocol.history.HistoryQuery;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A batch written again (redelivery after a crash, a rebalance, or an attempt that committed but timed out) stores
 * nothing twice, and written-through never goes back.
 */
@QuarkusTest
@WithTestResource(HistoryTestResource.class)
class IdempotentWriteTest extends HistoryTestBase {

    private static final String APP = "app-idempotent";
    private static final String STREAM = "idempotent-topic.0";

    @Inject
    MessageWriter writer;

    @Inject
    StoreContext context;

    private long write(List<MessageRow> rows, long through) {
        return context.run(() -> writer.write(rows, List.of(new PartitionProgress(STREAM, "t", 0, through))))
                .await().atMost(Duration.ofSeconds(30));
    }

    private static MessageRow row(long serial) {
        return new MessageRow(APP, "c", STREAM, serial, "e", serial % 2 == 0 ? null : "d" + serial,
                serial % 3 == 0 ? "u" : null, serial);
    }

    @Test
    void redeliveredRowsAreStoredOnce() {
        List<MessageRow> first = List.of(row(10), row(11), row(12));
        assertThat(write(first, 12)).isEqualTo(3);
        assertThat(write(first, 12)).isZero();
        // Overlapping redelivery: two known rows and two new ones, in another order.
        assertThat(write(List.of(row(14), row(12), row(13), row(11)), 14)).isEqualTo(2);
        // An older batch arriving late changes nothing, not even written-through.
        assertThat(write(List.of(row(10)), 10)).isZero();

        HistoryPage page = client().page(APP, "c", HistoryQuery.forwards(STREAM));
        assertThat(page.items()).extracting(HistoryItem::serial).containsExactly(10L, 11L, 12L, 13L, 14L);
        assertThat(page.items().get(0)).isEqualTo(new HistoryItem(STREAM + ":10", 10, "e", null, null, 10));
        assertThat(page.items().get(1)).isEqualTo(new HistoryItem(STREAM + ":11", 11, "e", "d11", null, 11));
        assertThat(page.items().get(2)).isEqualTo(new HistoryItem(STREAM + ":12", 12, "e", null, "u", 12));
        assertThat(page.writtenThrough()).isEqualTo(14);
    }

    @Test
    void aLargeBatchIsWrittenWithSeveralStatementsInOneTransaction() {
        List<MessageRow> rows = java.util.stream.LongStream.range(1000, 2234).mapToObj(IdempotentWriteTest::row)
                .toList();
        assertThat(write(rows, 2233)).isEqualTo(rows.size());
        assertThat(write(rows, 2233)).isZero();
        assertThat(client().all(APP, "c", STREAM, 100).stream().filter(i -> i.serial() >= 1000)).hasSize(rows.size());
    }
}
