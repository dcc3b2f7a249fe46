package dev.starling.gateway.wskit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.starling.testkit.WsClient;
import dev.starling.protocol.json.Json;

/**
 * A raw JDK WebSocket for what {@link WsClient} cannot do: send binary frames and WebSocket pings, see pongs, and
 * stop reading after a number of frames and later {@link #resume()} (a slow consumer whose close code can still be
 * observed once it reads again).
 */
public final class RawSocket implements AutoCloseable {

    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    private final CompletableFuture<WsClient.Closed> closed = new CompletableFuture<>();
    private final Object demand = new Object();
    private final WebSocket socket;
    private int framesBeforePause;
    private boolean owed;

    private RawSocket(int port, String key, int framesBeforePause) {
        this.framesBeforePause = framesBeforePause;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WsClient.TIMEOUT)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/app/" + key + "?protocol=7&client=raw&version=1"),
                        new Listener())
                .join();
    }

    /** A socket that reads every frame. */
    public static RawSocket connect(int port, String key) {
        return new RawSocket(port, key, Integer.MAX_VALUE);
    }

    /** A socket that reads {@code frames} text frames, then nothing until {@link #resume()}. */
    public static RawSocket connectPausingAfter(int port, String key, int frames) {
        return new RawSocket(port, key, frames);
    }

    public RawSocket send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    public RawSocket sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
        return this;
    }

    public RawSocket sendPing(byte[] payload) {
        socket.sendPing(ByteBuffer.wrap(payload)).join();
        return this;
    }

    /** Sends an unsolicited WebSocket pong. */
    public RawSocket sendPong(byte[] payload) {
        socket.sendPong(ByteBuffer.wrap(payload)).join();
        return this;
    }

    /** The next text frame, or a test failure after {@link WsClient#TIMEOUT}. */
    public String next() {
        return poll(texts, "text frame");
    }

    /** The payload of the next WebSocket pong. */
    public byte[] nextPong() {
        ByteBuffer pong = poll(pongs, "pong");
        byte[] bytes = new byte[pong.remaining()];
        pong.get(bytes);
        return bytes;
    }

    /** The socket id from {@code pusher:connection_established} (must be the next frame). */
    public String socketId() {
        try {
            var established = Json.MAPPER.readTree(next());
            if (!"pusher:connection_established".equals(established.path("event").asText())) {
                throw new AssertionError("Expected connection_established, got " + established);
            }
            return Json.MAPPER.readTree(established.get("data").asText()).get("socket_id").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Starts reading again, for good. */
    public void resume() {
        synchronized (demand) {
            framesBeforePause = Integer.MAX_VALUE;
            if (!owed) {
                return;
            }
            owed = false;
        }
        socket.request(1);
    }

    /** Frames received and not yet taken. */
    public int buffered() {
        return texts.size();
    }

    public WsClient.Closed awaitClose() {
        try {
            return closed.get(WsClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("Socket not closed within " + WsClient.TIMEOUT, e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }

    private static <T> T poll(BlockingQueue<T> queue, String what) {
        try {
            T item = queue.poll(WsClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (item == null) {
                throw new AssertionError("No " + what + " within " + WsClient.TIMEOUT);
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void requestNext(WebSocket webSocket, boolean countsAsFrame) {
        synchronized (demand) {
            if (countsAsFrame) {
                framesBeforePause--;
            }
            if (framesBeforePause <= 0) {
                owed = true;
                return;
            }
        }
        webSocket.request(1);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            requestNext(webSocket, last);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            requestNext(webSocket, false);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            ByteBuffer copy = ByteBuffer.allocate(message.remaining()).put(message).flip();
            pongs.add(copy);
            requestNext(webSocket, false);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new WsClient.Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new WsClient.Closed(1006, String.valueOf(error)));
        }
    }
}
