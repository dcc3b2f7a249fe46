package dev.starling.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Per-thread traffic tallies add up, also those of threads that have ended. */
class TrafficTest {

    @Test
    void countsFromManyThreadsAddUpAndSurviveTheirThreads() throws InterruptedException {
        Traffic traffic = new Traffic();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 10_000; i++) {
                    traffic.sent(3);
                    traffic.received(5);
                }
            }));
        }
        traffic.sent(7);
        assertThat(traffic.framesSent()).isBetween(1L, 80_001L); // read while they run: a partial sum, never more
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(traffic.framesSent()).isEqualTo(80_001);
        assertThat(traffic.bytesSent()).isEqualTo(240_007);
        assertThat(traffic.framesReceived()).isEqualTo(80_000);
        assertThat(traffic.bytesReceived()).isEqualTo(400_000);
        // Read again after the ended threads' tallies were folded into the total: nothing lost or counted twice.
        assertThat(traffic.framesSent()).isEqualTo(80_001);
        assertThat(traffic.bytesReceived()).isEqualTo(400_000);

        Thread later = Thread.ofPlatform().start(() -> traffic.sent(1));
        later.join();
        assertThat(traffic.framesSent()).isEqualTo(80_002);
        assertThat(traffic.bytesSent()).isEqualTo(240_008);
    }
}
