package dev.starling.loadgen.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerWatchTest {

    @Test
    void rssWithinAMegabyteOfTheLastReadingHasSettled() {
        assertThat(ServerWatch.settled(300_000_000L, 300_500_000L)).isTrue();
        assertThat(ServerWatch.settled(300_000_000L, 299_000_000L)).isTrue();
    }

    @Test
    void rssStillFallingHasNotSettled() {
        assertThat(ServerWatch.settled(320_000_000L, 225_000_000L)).isFalse();
    }

    @Test
    void anUnreadableReadingEndsTheWait() {
        assertThat(ServerWatch.settled(-1, 225_000_000L)).isTrue();
        assertThat(ServerWatch.settled(225_000_000L, -1)).isTrue();
    }
}
