package dev.starling.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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

/**
 * {@code from_serial}/{@code to_serial} are inclusive, {@code after_serial}/{@code before_serial} exclusive,
 * {@code since_ms} keeps rows published at or after it; they combine, and oldest/newest ignore them.
 */
@QuarkusTest
@WithTestResource(HistoryTestResource.class)
class BoundsTest extends HistoryTestBase {

    private static final String APP = "app-bounds";
    private static final String CHANNEL = "private-bounds";
    private static final List<Long> SERIALS = new ArrayList<>();
    private static String streamId;

    @BeforeAll
    static void publish() {
        try (GatewayProducer producer = producer()) {
            streamId = streamOf(producer, APP, CHANNEL);
            for (int i = 0; i < 20; i++) {
                SERIALS.add(producer.publish(APP, CHANNEL, "e", Integer.toString(i), 10_000 + 100L * i).offset());
            }
        }
    }

    private List<Long> serials(HistoryQuery query) {
        awaitRows(APP, CHANNEL, streamId, SERIALS.size());
        HistoryPage page = client().page(APP, CHANNEL, query);
        assertThat(page.oldestSerial()).isEqualTo(SERIALS.getFirst());
        assertThat(page.newestSerial()).isEqualTo(SERIALS.getLast());
        return page.items().stream().map(HistoryItem::serial).toList();
    }

    private static long s(int index) {
        return SERIALS.get(index);
    }

    @Test
    void fromAndToAreInclusive() {
        assertThat(serials(HistoryQuery.forwards(streamId).from(s(3)).to(s(6)))).containsExactly(s(3), s(4), s(5), s(6));
        assertThat(serials(HistoryQuery.backwards(streamId).from(s(3)).to(s(6)))).containsExactly(s(6), s(5), s(4), s(3));
        assertThat(serials(HistoryQuery.forwards(streamId).from(s(19)))).containsExactly(s(19));
    }

    @Test
    void afterAndBeforeAreExclusive() {
        assertThat(serials(HistoryQuery.forwards(streamId).after(s(3)).before(s(6)))).containsExactly(s(4), s(5));
        assertThat(serials(HistoryQuery.forwards(streamId).after(s(19)))).isEmpty();
        assertThat(serials(HistoryQuery.backwards(streamId).before(s(0)))).isEmpty();
    }

    @Test
    void boundsCombine() {
        assertThat(serials(HistoryQuery.forwards(streamId).after(s(2)).from(s(1)).to(s(8)).before(s(5))))
                .containsExactly(s(3), s(4));
        assertThat(serials(HistoryQuery.forwards(streamId).from(s(9)).to(s(2)))).isEmpty();
        assertThat(serials(HistoryQuery.forwards(streamId).after(Long.MAX_VALUE))).isEmpty();
        assertThat(serials(HistoryQuery.forwards(streamId).before(Long.MIN_VALUE))).isEmpty();
        assertThat(serials(HistoryQuery.forwards(streamId).after(-1).limit(2))).containsExactly(s(0), s(1));
    }

    @Test
    void sinceKeepsRowsPublishedAtOrAfter() {
        assertThat(serials(HistoryQuery.forwards(streamId).since(10_000 + 1700))).containsExactly(s(17), s(18), s(19));
        assertThat(serials(HistoryQuery.forwards(streamId).since(10_000 + 1701))).containsExactly(s(18), s(19));
        assertThat(serials(HistoryQuery.backwards(streamId).since(10_000 + 1700).to(s(18)))).containsExactly(s(18),
                s(17));
        assertThat(serials(HistoryQuery.forwards(streamId).since(0).limit(1))).containsExactly(s(0));
    }

    @Test
    void anotherChannelOrAppSeesNothingOfThisOne() {
        awaitRows(APP, CHANNEL, streamId, SERIALS.size());
        assertThat(client().page(APP, "private-bounds2", HistoryQuery.forwards(streamId)).items()).isEmpty();
        assertThat(client().page("app-bounds-2", CHANNEL, HistoryQuery.forwards(streamId)).items()).isEmpty();
    }
}
