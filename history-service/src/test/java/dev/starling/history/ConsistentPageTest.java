package dev.starling.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.starling.history.store.MessageRow;
import dev.starling.history.store.MessageWriter;
import dev.starling.history.store.PartitionProgress;
import dev.starling.history.store.StoreContext;
import dev.starling.history.support.HistoryTestResource;
import dev.starling.protocol.history.HistoryPage;
import dev.starling.protocol.history.HistoryQuery;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A page never claims more than it holds: while batches commit, every page answered holds every row of its range up
 * to its {@code written_through}. (Gateways trust that to decide a resume is complete; found by the e2e resume test
 * when the page's rows were read before a batch committed and its written-through after.)
 */
@QuarkusTest
@WithTestResource(HistoryTestResource.class)
class ConsistentPageTest extends HistoryTestBase {

    private static final String APP = "app-consistent";
    private static final String STREAM = "consistent-topic.0";

    @Inject
    MessageWriter writer;

    @Inject
    StoreContext context;

    @Test
    void rowsUpToWrittenThroughAreAlwaysInThePage() throws Exception {
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            for (long batch = 0; batch < 200; batch++) {
                List<MessageRow> rows = LongStream.range(batch * 5, batch * 5 + 5)
                        .mapToObj(s -> new MessageRow(APP, "c", STREAM, s, "e", "d" + s, null, s)).toList();
                long through = batch * 5 + 4;
                context.run(() -> writer.write(rows, List.of(new PartitionProgress(STREAM, "t", 0, through))))
                        .await().atMost(Duration.ofSeconds(30));
            }
        });
        int checked = 0;
        while (!writing.isDone() || checked == 0) {
            // The newest 100 rows (newer batches may have committed since written_through was read): every serial
            // between the oldest returned and written_through must be there.
            HistoryPage page = client().page(APP, "c", HistoryQuery.backwards(STREAM).limit(100));
            long writtenThrough = page.writtenThrough();
            java.util.Set<Long> serials = new java.util.HashSet<>();
            page.items().forEach(i -> serials.add(i.serial()));
            long oldest = page.items().stream().mapToLong(i -> i.serial()).min().orElse(0);
            for (long s = oldest; s <= writtenThrough; s++) {
                assertThat(serials).as("rows up to written_through %d", writtenThrough).contains(s);
            }
            checked++;
        }
        writing.get();
        assertThat(checked).isPositive();
    }
}
