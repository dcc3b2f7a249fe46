package dev.starling.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.testkit.RawWebSocket;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The WebSocket upgrade and closing handshakes byte by byte, over a plain TCP socket: what a request that is not a
 * valid upgrade gets, and RFC 6455 closing in both directions.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class UpgradeTest {

    private static final String PATH = "/app/app-key?protocol=7";

    @TestHTTPResource("/")
    URL url;

    @Test
    void aPlainGetIsAnsweredWith400AndAJsonBody() throws IOException {
        try (RawWebSocket raw = new RawWebSocket(url.getPort())) {
            raw.write("GET " + PATH + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            String response = raw.readHttpResponse();
            assertThat(response).startsWith("HTTP/1.1 400 ");
            assertThat(response).contains("content-type: application/json")
                    .endsWith("{\"error\":\"Expected a WebSocket upgrade\",\"status\":400}");
        }
    }

    @Test
    void anotherWebSocketVersionIsAnsweredWith426NamingVersion13() throws IOException {
        try (RawWebSocket raw = new RawWebSocket(url.getPort())) {
            raw.write(upgrade("8", "dGhlIHNhbXBsZSBub25jZQ=="));
            String response = raw.readHttpResponse();
            assertThat(response).startsWith("HTTP/1.1 426 ").containsIgnoringCase("sec-websocket-version: 13");
        }
    }

    @Test
    void anUpgradeWithoutAKeyIsAnsweredWith400() throws IOException {
        try (RawWebSocket raw = new RawWebSocket(url.getPort())) {
            raw.write(upgrade("13", null));
            String response = raw.readHttpResponse();
            assertThat(response).startsWith("HTTP/1.1 400 ").contains("Invalid WebSocket handshake");
        }
    }

    @Test
    void theHandshakeAnswersWithTheAcceptKeyOfRfc6455() throws IOException {
        try (RawWebSocket raw = new RawWebSocket(url.getPort())) {
            raw.write(upgrade("13", "dGhlIHNhbXBsZSBub25jZQ=="));
            String response = raw.readHttpResponse();
            assertThat(response).startsWith("HTTP/1.1 101 ")
                    .containsIgnoringCase("sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
            assertThat(raw.readFrame().text()).startsWith("{\"event\":\"pusher:connection_established\"");
        }
    }

    @Test
    void aPathWithMoreSegmentsThanAppKeyIsNotTheEndpoint() throws IOException {
        try (RawWebSocket raw = new RawWebSocket(url.getPort())) {
            raw.write(RawWebSocket.upgradeRequest("/app/app-key/more?protocol=7", "13", "dGhlIHNhbXBsZSBub25jZQ=="));
            assertThat(raw.readHttpResponse()).startsWith("HTTP/1.1 404 ");
        }
    }

    /**
     * RFC 6455 (4.1) has the client wait for the 101 before it sends frames. One that does not may lose what it sent
     * early (when it arrives with the request, the HTTP decoder takes it in), but not its connection: what it sends
     * after the 101 is read.
     */
    @Test
    void aFrameSentBeforeThe101DoesNotBreakTheConnection() throws IOException {
        try (RawWebSocket raw = new RawWebSocket(url.getPort())) {
            byte[] ping = RawWebSocket.maskedFrame(1, "{\"event\":\"pusher:ping\",\"data\":{}}".getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.writeBytes(upgrade("13", "dGhlIHNhbXBsZSBub25jZQ==").getBytes(StandardCharsets.US_ASCII));
            both.writeBytes(ping);
            raw.out.write(both.toByteArray());
            raw.out.flush();
            assertThat(raw.readHttpResponse()).startsWith("HTTP/1.1 101 ");
            assertThat(raw.readFrame().text()).contains("pusher:connection_established");
            raw.out.write(ping);
            raw.out.flush();
            assertThat(raw.readFrame().text()).isEqualTo("{\"event\":\"pusher:pong\",\"data\":{}}");
        }
    }

    @Test
    void aClientCloseIsAnsweredWithTheSameCodeAndTheServerClosesTheConnection() throws IOException {
        try (RawWebSocket raw = RawWebSocket.open(url.getPort())) {
            raw.sendClose(1000);
            RawWebSocket.Frame answer = raw.readFrame();
            assertThat(answer.opcode()).isEqualTo(8);
            assertThat(answer.closeCode()).isEqualTo(1000);
            assertThat(raw.in.read()).as("end of stream after the close").isEqualTo(-1);
        }
    }

    @Test
    void aWebSocketPingIsAnsweredWithItsPayload() throws IOException {
        try (RawWebSocket raw = RawWebSocket.open(url.getPort())) {
            raw.sendFrame(9, "are you there".getBytes(StandardCharsets.UTF_8));
            RawWebSocket.Frame pong = raw.readFrame();
            assertThat(pong.opcode()).isEqualTo(10);
            assertThat(pong.text()).isEqualTo("are you there");
        }
    }

    @Test
    void aSingleFrameBeyondTheTransportLimitIsClosedWith1009() throws IOException {
        try (RawWebSocket raw = RawWebSocket.open(url.getPort())) {
            // Only the header: the decoder refuses the announced length before reading the payload.
            raw.out.write(new byte[] {(byte) 0x81, (byte) (0x80 | 127), 0, 0, 0, 0, 0, 0x20, 0, 0, 1, 2, 3, 4});
            raw.out.flush();
            RawWebSocket.Frame close = raw.readFrame();
            assertThat(close.opcode()).isEqualTo(8);
            assertThat(close.closeCode()).isEqualTo(1009);
        }
    }

    private static String upgrade(String version, String key) {
        return RawWebSocket.upgradeRequest(PATH, version, key);
    }
}
