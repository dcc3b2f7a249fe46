package dev.starling.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.starling.gateway.fakes.UnitApps;
import dev.starling.protocol.ErrorCode;

/** {@link Connection}'s outbound bound (the slow-consumer rule) and its close rules, over a transport that holds writes. */
class ConnectionTest {

    private static final int MAX_OUTBOUND = 100;

    private final HeldWritesTransport transport = new HeldWritesTransport();
    private final Connection connection = new Connection("1.1", UnitApps.plain("app"), transport, MAX_OUTBOUND, 0);

    @Test
    void queuedBytesAreTrackedUntilWritten() {
        assertThat(connection.send(ascii(10))).isTrue();
        assertThat(connection.send(ascii(25))).isTrue();
        assertThat(connection.pendingBytes()).isEqualTo(35);

        transport.completeOldest();
        assertThat(connection.pendingBytes()).isEqualTo(25);
        transport.completeOldest();
        assertThat(connection.pendingBytes()).isZero();
        assertThat(transport.sent()).containsExactly(ascii(10), ascii(25));
    }

    @Test
    void multiByteFramesCountTheirUtf8Bytes() {
        assertThat(connection.send("é€😀")).isTrue(); // 2 + 3 + 4 bytes
        assertThat(connection.pendingBytes()).isEqualTo(9);
    }

    @Test
    void fillingTheBudgetExactlyIsAllowed() {
        assertThat(connection.send(ascii(60))).isTrue();
        assertThat(connection.send(ascii(40))).isTrue();
        assertThat(connection.pendingBytes()).isEqualTo(MAX_OUTBOUND);
        assertThat(transport.closes()).isEmpty();
    }

    @Test
    void aSendBeyondTheBudgetClosesWith4100OnceAndLaterSendsAreRefused() {
        assertThat(connection.send(ascii(60))).isTrue();

        assertThat(connection.send(ascii(41))).isFalse();
        assertThat(connection.send(ascii(41))).isFalse();
        assertThat(connection.send(ascii(1))).isFalse(); // would fit, but the connection is closing

        assertThat(transport.closes()).hasSize(1);
        assertThat(transport.closes().get(0).code()).isEqualTo(4100);
        assertThat(transport.sent()).containsExactly(ascii(60));
        assertThat(connection.pendingBytes()).isEqualTo(60); // the refused frames were never counted
        assertThat(connection.isClosing()).isTrue();
    }

    @Test
    void aSingleFrameLargerThanTheBudgetClosesTheConnection() {
        assertThat(connection.send(ascii(MAX_OUTBOUND + 1))).isFalse();
        assertThat(transport.closes()).extracting(HeldWritesTransport.Close::code).containsExactly(4100);
        assertThat(transport.sent()).isEmpty();
    }

    @Test
    void completedWritesFreeTheBudget() {
        for (int round = 0; round < 5; round++) {
            assertThat(connection.send(ascii(70))).isTrue();
            transport.completeAll();
        }
        assertThat(connection.pendingBytes()).isZero();
        assertThat(transport.closes()).isEmpty();
    }

    @Test
    void concurrentSendsOverTheBudgetCloseExactlyOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 200; round++) {
                HeldWritesTransport held = new HeldWritesTransport();
                Connection slow = new Connection("1." + round, UnitApps.plain("app"), held, MAX_OUTBOUND, 0);
                CyclicBarrier start = new CyclicBarrier(4);
                List<Future<?>> senders = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    senders.add(threads.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        for (int i = 0; i < 10; i++) {
                            slow.send(ascii(30));
                        }
                        return null;
                    }));
                }
                for (Future<?> sender : senders) {
                    sender.get(10, TimeUnit.SECONDS);
                }
                assertThat(held.closes()).as("closes in round %d", round).hasSize(1);
                // Bounded: the budget, plus at most the frames the other three threads were sending at that instant.
                assertThat(slow.pendingBytes()).isLessThanOrEqualTo(MAX_OUTBOUND + 3 * 30);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void onlyTheFirstCloseHasAnEffect() {
        connection.close(ErrorCode.RECONNECT);
        connection.close(ErrorCode.APP_DISABLED, "later");

        assertThat(transport.closes()).containsExactly(new HeldWritesTransport.Close(4200, ErrorCode.RECONNECT.message()));
        assertThat(connection.send("{}")).isFalse();
    }

    @Test
    void errorOnlyCodesAreRefusedAsCloseCodes() {
        assertThatThrownBy(() -> connection.close(ErrorCode.CLIENT_EVENT_RATE_LIMIT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> connection.close(ErrorCode.WATCHLIST_LIMIT, "too many"))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(transport.closes()).isEmpty();
        assertThat(connection.isClosing()).isFalse();
        assertThat(connection.send("{}")).isTrue();
    }

    @Test
    void aShortCloseReasonIsKept() {
        connection.close(ErrorCode.RECONNECT, "x".repeat(123));
        assertThat(transport.closes().get(0).reason()).isEqualTo("x".repeat(123));
    }

    @Test
    void aLongAsciiCloseReasonIsCutTo123Bytes() {
        connection.close(ErrorCode.RECONNECT, "x".repeat(500));
        assertThat(transport.closes().get(0).reason()).isEqualTo("x".repeat(123));
    }

    @Test
    void aLongCloseReasonIsNeverCutInsideACharacter() {
        assertTruncation("é".repeat(100), "é".repeat(61));          // 2-byte: 61 × 2 = 122
        assertTruncation("x" + "€".repeat(50), "x" + "€".repeat(40)); // 3-byte: 1 + 40 × 3 = 121
        assertTruncation("😀".repeat(40), "😀".repeat(30));         // 4-byte pairs: 30 × 4 = 120
        assertTruncation("xx" + "😀".repeat(40), "xx" + "😀".repeat(30));
    }

    private void assertTruncation(String reason, String expected) {
        HeldWritesTransport held = new HeldWritesTransport();
        new Connection("1.2", UnitApps.plain("app"), held, MAX_OUTBOUND, 0).close(ErrorCode.RECONNECT, reason);
        String sent = held.closes().get(0).reason();
        assertThat(sent.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
        assertThat(sent).as("well-formed UTF-16, longest prefix that fits").isEqualTo(expected);
    }

    private static String ascii(int bytes) {
        return "a".repeat(bytes);
    }
}
