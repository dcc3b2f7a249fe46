package dev.starling.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.starling.gateway.support.StarlingTestResource;
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
        try (Raw raw = new Raw(url.getPort())) {
            raw.write("GET " + PATH + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            String response = raw.readHttpResponse();
            assertThat(response).startsWith("HTTP/1.1 400 ");
            assertThat(response).contains("content-type: application/json")
                    .endsWith("{\"error\":\"Expected a WebSocket upgrade\",\"status\":400}");
        }
    }

    @Test
    void anotherWebSocketVersionIsAnsweredWith426NamingVersion13() throws IOException {
        try (Raw raw = new Raw(url.getPort())) {
            raw.write(upgrade("8", "dGhlIHNhbXBsZSBub25jZQ=="));
            String response = raw.readHttpResponse();
            assertThat(response).startsWith("HTTP/1.1 426 ").containsIgnoringCase("sec-websocket-version: 13");
        }
    }

    @Test
    void anUpgradeWithoutAKeyIsAnsweredWith400() throws IOException {
        try (Raw raw = new Raw(url.getPort())) {
            raw.write(upgrade("13", null));
            String response = raw.readHttpResponse();
            assertThat(response).startsWith("HTTP/1.1 400 ").contains("Invalid WebSocket handshake");
        }
    }

    @Test
    void theHandshakeAnswersWithTheAcceptKeyOfRfc6455() throws IOException {
        try (Raw raw = new Raw(url.getPort())) {
            raw.write(upgrade("13", "dGhlIHNhbXBsZSBub25jZQ=="));
            String response = raw.readHttpResponse();
            assertThat(response).startsWith("HTTP/1.1 101 ")
                    .containsIgnoringCase("sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
            assertThat(raw.readFrame().text()).startsWith("{\"event\":\"pusher:connection_established\"");
        }
    }

    /**
     * RFC 6455 (4.1) has the client wait for the 101 before it sends frames. One that does not may lose what it sent
     * early (when it arrives with the request, the HTTP decoder takes it in), but not its connection: what it sends
     * after the 101 is read.
     */
    @Test
    void aFrameSentBeforeThe101DoesNotBreakTheConnection() throws IOException {
        try (Raw raw = new Raw(url.getPort())) {
            byte[] ping = Raw.maskedFrame(1, "{\"event\":\"pusher:ping\",\"data\":{}}".getBytes(StandardCharsets.UTF_8));
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
        try (Raw raw = Raw.open(url.getPort())) {
            raw.sendClose(1000);
            Frame answer = raw.readFrame();
            assertThat(answer.opcode()).isEqualTo(8);
            assertThat(answer.closeCode()).isEqualTo(1000);
            assertThat(raw.in.read()).as("end of stream after the close").isEqualTo(-1);
        }
    }

    @Test
    void aWebSocketPingIsAnsweredWithItsPayload() throws IOException {
        try (Raw raw = Raw.open(url.getPort())) {
            raw.sendFrame(9, "are you there".getBytes(StandardCharsets.UTF_8));
            Frame pong = raw.readFrame();
            assertThat(pong.opcode()).isEqualTo(10);
            assertThat(pong.text()).isEqualTo("are you there");
        }
    }

    @Test
    void aSingleFrameBeyondTheTransportLimitIsClosedWith1009() throws IOException {
        try (Raw raw = Raw.open(url.getPort())) {
            // Only the header: the decoder refuses the announced length before reading the payload.
            raw.out.write(new byte[] {(byte) 0x81, (byte) (0x80 | 127), 0, 0, 0, 0, 0, 0x20, 0, 0, 1, 2, 3, 4});
            raw.out.flush();
            Frame close = raw.readFrame();
            assertThat(close.opcode()).isEqualTo(8);
            assertThat(close.closeCode()).isEqualTo(1009);
        }
    }

    private static String upgrade(String version, String key) {
        return "GET " + PATH + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + (key == null ? "" : "Sec-WebSocket-Key: " + key + "\r\n") + "Sec-WebSocket-Version: " + version
                + "\r\n\r\n";
    }

    record Frame(int opcode, byte[] payload) {

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length < 2 ? -1 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }
    }

    /** A WebSocket client written out by hand, to see exactly what the server sends. */
    static final class Raw implements AutoCloseable {

        private final Socket socket;
        final DataInputStream in;
        final OutputStream out;

        Raw(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        /** Connected, upgraded and past {@code pusher:connection_established}. */
        static Raw open(int port) throws IOException {
            Raw raw = new Raw(port);
            raw.write(upgrade("13", Base64.getEncoder().encodeToString("0123456789abcdef".getBytes())));
            assertThat(raw.readHttpResponse()).startsWith("HTTP/1.1 101 ");
            assertThat(raw.readFrame().text()).contains("pusher:connection_established");
            return raw;
        }

        void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** Status line and headers, plus the body when a content-length says there is one. */
        String readHttpResponse() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                head.write(in.readUnsignedByte());
            }
            String text = head.toString(StandardCharsets.US_ASCII);
            int length = 0;
            for (String line : text.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            byte[] body = in.readNBytes(length);
            return text + new String(body, StandardCharsets.UTF_8);
        }

        void sendClose(int code) throws IOException {
            sendFrame(8, new byte[] {(byte) (code >> 8), (byte) code});
        }

        void sendFrame(int opcode, byte[] payload) throws IOException {
            out.write(maskedFrame(opcode, payload));
            out.flush();
        }

        /** A masked, final frame with a payload under 126 bytes. */
        static byte[] maskedFrame(int opcode, byte[] payload) {
            byte[] mask = {1, 2, 3, 4};
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x80 | opcode);
            frame.write(0x80 | payload.length);
            frame.writeBytes(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
            return frame.toByteArray();
        }

        Frame readFrame() throws IOException {
            int first = in.readUnsignedByte();
            int length = in.readUnsignedByte() & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = (int) in.readLong();
            }
            return new Frame(first & 0x0f, in.readNBytes(length));
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
