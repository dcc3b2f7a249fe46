package dev.starling.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.starling.history.support.GatewayProducer;
import dev.starling.history.support.HistoryTestResource;
import dev.starling.protocol.history.HistoryItem;
import dev.starling.protocol.history.HistoryPage;
import dev.starling.protocol.history.HistoryQuery;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Paging forwards and backwards with any limit returns every retained row exactly once, in order. */
@QuarkusTest
@WithTestResource(HistoryTestResource.class)
class PagingTest extends HistoryTestBase {

    private static final String APP = "app-paging";
    private static final String CHANNEL = "ticker";
    private static final int MESSAGES = 230;
    private static List<Long> serials;
    private static String streamId;

    @BeforeAll
    static void publish() {
        serials = new ArrayList<>();
        try (GatewayProducer producer = producer()) {
            streamId = streamOf(producer, APP, CHANNEL);
            for (int i = 0; i < MESSAGES; i++) {
                serials.add(producer.publish(APP, CHANNEL, "tick", Integer.toString(i), 1_000 + i).offset());
                if (i % 10 == 0) {
                    producer.publish(APP, "other-" + i, "noise", "x", 1); // other channels, maybe the same partition
                }
            }
        }
    }

    @Test
    void forwardsPagesReturnEveryRowOnceOldestFirst() {
        awaitRows(APP, CHANNEL, streamId, MESSAGES);
        for (int limit : new int[] {1, 7, 100}) {
            List<HistoryItem> seen = new ArrayList<>();
            HistoryQuery query = HistoryQuery.forwards(streamId).limit(limit);
            int pages = 0;
            while (true) {
                HistoryPage page = client().page(APP, CHANNEL, query);
                pages++;
                assertThat(page.items().size()).isLessThanOrEqualTo(limit);
                assertThat(page.oldestSerial()).isEqualTo(serials.getFirst());
                assertThat(page.newestSerial()).isEqualTo(serials.getLast());
                seen.addAll(page.items());
                if (!page.hasMore()) {
                    break;
                }
                assertThat(page.items()).hasSize(limit);
                query = query.after(page.items().getLast().serial());
            }
            assertThat(seen).extracting(HistoryItem::serial).as("limit %d", limit).containsExactlyElementsOf(serials);
            assertThat(seen).extracting(HistoryItem::data).first().isEqualTo("0");
            assertThat(pages).isEqualTo((MESSAGES + limit - 1) / limit);
        }
    }

    @Test
    void backwardsPagesReturnEveryRowOnceNewestFirst() {
        awaitRows(APP, CHANNEL, streamId, MESSAGES);
        List<Long> newestFirst = serials.stream().sorted(Comparator.reverseOrder()).toList();
        for (int limit : new int[] {13, 100}) {
            List<Long> seen = new ArrayList<>();
            HistoryQuery query = HistoryQuery.backwards(streamId).limit(limit);
            while (true) {
                HistoryPage page = client().page(APP, CHANNEL, query);
                page.items().forEach(item -> seen.add(item.serial()));
                if (!page.hasMore()) {
                    break;
                }
                query = query.before(page.items().getLast().serial());
            }
            assertThat(seen).as("limit %d", limit).containsExactlyElementsOf(newestFirst);
        }
    }

    @Test
    void theDefaultIsNewestFirstWithTheLargestPage() {
        awaitRows(APP, CHANNEL, streamId, MESSAGES);
        var answer = client().get("/v1/apps/" + APP + "/channels/" + CHANNEL + "/messages?stream_id=" + streamId);
        HistoryPage page = dev.starling.protocol.history.HistoryPageCodec.decode(answer.body()).value();
        assertThat(page.items()).hasSize(100); // max-page-size in the tests
        assertThat(page.items().getFirst().serial()).isEqualTo(serials.getLast());
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void aLimitOfExactlyTheRemainderHasNoMore() {
        awaitRows(APP, CHANNEL, streamId, MESSAGES);
        HistoryPage last = client().page(APP, CHANNEL, HistoryQuery.forwards(streamId)
                .after(serials.get(MESSAGES - 6)).limit(5));
        assertThat(last.items()).extracting(HistoryItem::serial).containsExactlyElementsOf(serials.subList(MESSAGES - 5,
                MESSAGES));
        assertThat(last.hasMore()).isFalse();
    }
}
