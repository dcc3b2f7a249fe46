package dev.starling.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import dev.starling.protocol.history.HistoryPage;
import dev.starling.protocol.history.HistoryQuery;

/** Identical history queries in flight together reach history-service once; later ones ask again. */
class CoalescedHistoryTest {

    private static final class Source implements HistorySource {
        final List<CompletableFuture<HistoryPage>> asked = new ArrayList<>();

        @Override
        public boolean isLocal() {
            return false;
        }

        @Override
        public CompletionStage<HistoryPage> query(String appId, String channel, HistoryQuery query) {
            CompletableFuture<HistoryPage> answer = new CompletableFuture<>();
            asked.add(answer);
            return answer;
        }
    }

    private final Source source = new Source();
    private final CoalescedHistory history = new CoalescedHistory(source);
    private final HistoryQuery resume = HistoryQuery.forwards("s1").after(41).limit(500);

    @Test
    void equalQueriesInFlightShareOneRequestAndOneAnswer() {
        List<CompletableFuture<HistoryPage>> callers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            callers.add(history.query("app", "news", resume).toCompletableFuture());
        }
        assertThat(source.asked).hasSize(1);
        assertThat(history.coalesced()).isEqualTo(999);

        HistoryPage page = new HistoryPage("s1", List.of(), null, null, 41, false);
        source.asked.get(0).complete(page);
        assertThat(callers).allSatisfy(caller -> assertThat(caller.join()).isSameAs(page));
        assertThat(history.inFlight()).isZero();

        history.query("app", "news", resume); // after the answer: a request of its own
        assertThat(source.asked).hasSize(2);
    }

    @Test
    void differentQueriesChannelsAndFailuresAreNotShared() {
        history.query("app", "news", resume);
        history.query("app", "sport", resume);
        history.query("other", "news", resume);
        history.query("app", "news", HistoryQuery.forwards("s1").after(42).limit(500));
        assertThat(source.asked).hasSize(4);

        CompletableFuture<HistoryPage> waiting = history.query("app", "news", resume).toCompletableFuture();
        source.asked.get(0).completeExceptionally(new HistoryUnavailableException("down", null));
        assertThat(waiting).isCompletedExceptionally();
        history.query("app", "news", resume); // the failure is not remembered
        assertThat(source.asked).hasSize(5);
    }
}
