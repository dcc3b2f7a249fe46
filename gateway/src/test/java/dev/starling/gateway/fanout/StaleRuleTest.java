package dev.starling.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a channel message is too old to deliver: its wait on this node counts, a bus outage does not. */
class StaleRuleTest {

    private static final long BOUND = 10_000;

    @Test
    void aMessageOlderThanTheBoundIsStaleWhenTheBusWasNeverDown() {
        assertThat(ClusterEvents.isStale(100_000, 89_999, true, 0, BOUND)).isTrue();
        assertThat(ClusterEvents.isStale(100_000, 90_000, true, 0, BOUND)).isFalse();
    }

    @Test
    void theTimeAMessageWaitedOutABusOutageDoesNotCount() {
        // Published at 50 s, the bus was down until 95 s: delivered at 100 s it waited 5 s on this side.
        assertThat(ClusterEvents.isStale(100_000, 50_000, true, 95_000, BOUND)).isFalse();
        // After the recovery the bound applies again.
        assertThat(ClusterEvents.isStale(106_000, 50_000, true, 95_000, BOUND)).isTrue();
        // A recovery long before the publish changes nothing.
        assertThat(ClusterEvents.isStale(100_000, 80_000, true, 10_000, BOUND)).isTrue();
    }

    @Test
    void nothingIsStaleWhileTheBusIsUnreachableOrWithoutABound() {
        assertThat(ClusterEvents.isStale(100_000, 1_000, false, 0, BOUND)).isFalse();
        assertThat(ClusterEvents.isStale(100_000, 1_000, true, 0, 0)).isFalse();
        assertThat(ClusterEvents.isStale(100_000, 0, true, 0, BOUND)).isFalse();
    }
}
