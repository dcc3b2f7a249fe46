package dev.starling.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.starling.gateway.support.Metrics;
import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.testkit.RawWebSocket;
import dev.starling.testkit.RawWebSocket.Frame;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What breaks RFC 6455 is answered with the close frame that says why, and that frame reaches the client: a 2 MiB
 * frame (1009), invalid UTF-8 in a text message (1007), a reserved opcode (1002). The server then ends the TCP
 * connection cleanly (FIN, not a reset, even with the rest of the offending frame still arriving), counts the close
 * under its real code, and no other connection notices.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class ProtocolViolationTest {

    private static final String PING = "{\"event\":\"pusher:ping\",\"data\":{}}";

    @TestHTTPResource("/")
    URL url;

    @Test
    void aWhole2MiBFrameGetsA1009CloseFrameAndACleanEndOfStream() throws Exception {
        double before = closedWith(1009);
        try (RawWebSocket bystander = RawWebSocket.open(url.getPort()); RawWebSocket raw = RawWebSocket.open(url.getPort())) {
            byte[] frame = RawWebSocket.maskedFrame(1, new byte[2 << 20]);
            // Written from another thread: the client keeps sending while it reads, as a browser does.
            CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
                try {
                    raw.out.write(frame);
                    raw.out.flush();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            Frame close = raw.readFrame();
            assertThat(close.opcode()).isEqualTo(8);
            assertThat(close.closeCode()).isEqualTo(1009);
            written.get(10, TimeUnit.SECONDS); // the server read (and dropped) all of it: no reset
            assertThat(raw.in.read()).as("the server ends the stream after its close frame").isEqualTo(-1);

            assertBystanderUnaffected(bystander);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> closedWith(1009) >= before + 1);
    }

    @Test
    void invalidUtf8InATextFrameIsClosedWith1007AndNotProcessed() throws Exception {
        double before = closedWith(1007);
        try (RawWebSocket bystander = RawWebSocket.open(url.getPort()); RawWebSocket raw = RawWebSocket.open(url.getPort())) {
            byte[] ping = PING.getBytes(StandardCharsets.UTF_8);
            byte[] invalid = new byte[ping.length + 2];
            System.arraycopy(ping, 0, invalid, 0, ping.length - 1);
            invalid[ping.length - 1] = (byte) 0xC3; // a lead byte followed by no continuation byte
            invalid[ping.length] = (byte) 0x28;
            invalid[ping.length + 1] = '}';
            raw.sendFrame(1, invalid);

            Frame close = raw.readFrame();
            assertThat(close.opcode()).as("no pusher:pong: the frame was not processed").isEqualTo(8);
            assertThat(close.closeCode()).isEqualTo(1007);
            raw.sendClose(1007);
            assertThat(raw.in.read()).isEqualTo(-1);

            assertBystanderUnaffected(bystander);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> closedWith(1007) >= before + 1);
    }

    @Test
    void aReservedOpcodeIsClosedWith1002AndCountedAs1002() throws Exception {
        double before = closedWith(1002);
        try (RawWebSocket raw = RawWebSocket.open(url.getPort())) {
            raw.sendFrame(3, "x".getBytes(StandardCharsets.UTF_8));
            Frame close = raw.readFrame();
            assertThat(close.opcode()).isEqualTo(8);
            assertThat(close.closeCode()).isEqualTo(1002);
            assertThat(raw.in.read()).isEqualTo(-1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> closedWith(1002) >= before + 1);
    }

    private static void assertBystanderUnaffected(RawWebSocket bystander) throws IOException {
        bystander.sendFrame(1, PING.getBytes(StandardCharsets.UTF_8));
        assertThat(bystander.readFrame().text()).isEqualTo("{\"event\":\"pusher:pong\",\"data\":{}}");
    }

    private static double closedWith(int code) {
        return Metrics.value("starling_connections_closed_total{code=\"" + code + "\"}");
    }
}
