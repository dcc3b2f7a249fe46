package dev.starling.testkit;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client written out by hand over a plain TCP socket, to see exactly what the server sends: the HTTP
 * upgrade answer, each frame with its opcode, close codes, the end of the stream. Blocking, one thread.
 */
public final class RawWebSocket implements AutoCloseable {

    /** The path of the demo app with protocol 7. */
    public static final String DEMO_PATH = "/app/app-key?protocol=7";

    /** One frame as received. */
    public record Frame(int opcode, byte[] payload) {

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code of a close frame, -1 if it carries none. */
        public int closeCode() {
            return payload.length < 2 ? -1 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }
    }

    private final Socket socket;
    public final DataInputStream in;
    public final OutputStream out;

    /** Connected (TCP only), reads time out after 10 s. */
    public RawWebSocket(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Connected and upgraded on {@code pathAndQuery}; the first frame has not been read. */
    public static RawWebSocket upgraded(int port, String pathAndQuery) throws IOException {
        RawWebSocket raw = new RawWebSocket(port);
        raw.write(upgradeRequest(pathAndQuery, "13", Base64.getEncoder().encodeToString("0123456789abcdef".getBytes())));
        String response = raw.readHttpResponse();
        if (!response.startsWith("HTTP/1.1 101 ")) {
            raw.close();
            throw new AssertionError("Upgrade refused: " + response);
        }
        return raw;
    }

    /** Connected, upgraded on the demo app and past {@code pusher:connection_established}. */
    public static RawWebSocket open(int port) throws IOException {
        RawWebSocket raw = upgraded(port, DEMO_PATH);
        String first = raw.readFrame().text();
        if (!first.contains("pusher:connection_established")) {
            raw.close();
            throw new AssertionError("Expected connection_established, got " + first);
        }
        return raw;
    }

    /** An upgrade request; {@code key} null leaves the key header out. */
    public static String upgradeRequest(String pathAndQuery, String version, String key) {
        return "GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + (key == null ? "" : "Sec-WebSocket-Key: " + key + "\r\n") + "Sec-WebSocket-Version: " + version
                + "\r\n\r\n";
    }

    public void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Status line and headers, plus the body when a content-length says there is one. */
    public String readHttpResponse() throws IOException {
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

    public void sendClose(int code) throws IOException {
        sendFrame(8, new byte[] {(byte) (code >> 8), (byte) code});
    }

    public void sendText(String text) throws IOException {
        sendFrame(1, text.getBytes(StandardCharsets.UTF_8));
    }

    public void sendFrame(int opcode, byte[] payload) throws IOException {
        out.write(maskedFrame(opcode, payload));
        out.flush();
    }

    /** A masked, final frame of any length. */
    public static byte[] maskedFrame(int opcode, byte[] payload) {
        byte[] mask = {1, 2, 3, 4};
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xffff) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            long length = payload.length;
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (length >>> shift));
            }
        }
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    public Frame readFrame() throws IOException {
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
