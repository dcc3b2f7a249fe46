package dev.starling.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.protocol.json.Json;

/**
 * A raw WebSocket client for exact-frame tests (JDK {@code java.net.http.WebSocket}). Collects every text frame in
 * order; {@link #next()} returns them one by one, failing the test if none arrives in time.
 */
public final class WsClient implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** How a socket was closed by the server. */
    public record Closed(int code, String reason) {
    }

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final WebSocket socket;
    private final boolean reading;

    private WsClient(URI uri, String origin, boolean reading) {
        this.reading = reading;
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT);
        if (origin != null) {
            builder.header("Origin", origin);
        }
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    /** Connects to {@code /app/{key}?protocol=7…} on {@code port}. */
    public static WsClient connect(int port, String key) {
        return connectPath(port, "/app/" + key + "?protocol=7&client=java-test&version=1.0");
    }

    /** Connects with Starling's protocol 2 (positions, rewind, resume). */
    public static WsClient connectV2(int port, String key) {
        return connectPath(port, "/app/" + key + "?protocol=2&client=java-test&version=1.0");
    }

    /** Connects to an exact path and query, e.g. {@code /app/key?client=js}. */
    public static WsClient connectPath(int port, String pathAndQuery) {
        return new WsClient(URI.create("ws://127.0.0.1:" + port + pathAndQuery), null, true);
    }

    public static WsClient connectWithOrigin(int port, String key, String origin) {
        return new WsClient(URI.create("ws://127.0.0.1:" + port + "/app/" + key + "?protocol=7"), origin, true);
    }

    /** A client that stops reading after the handshake frame, to play a slow consumer. */
    public static WsClient connectNotReading(int port, String key) {
        return new WsClient(URI.create("ws://127.0.0.1:" + port + "/app/" + key + "?protocol=7"), null, false);
    }

    public WsClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    /** The next frame, or a test failure after {@link #TIMEOUT}. */
    public String next() {
        try {
            String frame = frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("No frame within " + TIMEOUT + (closed.isDone() ? "; closed " + closed.join() : ""));
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public JsonNode nextJson() {
        try {
            return Json.MAPPER.readTree(next());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Skips frames until one matches; returns it. */
    public String nextMatching(Predicate<String> predicate) {
        while (true) {
            String frame = next();
            if (predicate.test(frame)) {
                return frame;
            }
        }
    }

    /** The next frame whose {@code event} is {@code event}, skipping others. */
    public JsonNode nextEvent(String event) {
        return parse(nextMatching(f -> event.equals(parse(f).path("event").asText())));
    }

    /** Frames received so far and not yet taken. */
    public List<String> drain() {
        List<String> rest = new ArrayList<>();
        frames.drainTo(rest);
        return rest;
    }

    /** Asserts that no frame arrives within {@code wait}. */
    public void expectNothing(Duration wait) {
        try {
            String frame = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (frame != null) {
                throw new AssertionError("Expected no frame, got " + frame);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The socket id from {@code pusher:connection_established} (must be the next frame). */
    public String socketId() {
        JsonNode established = nextJson();
        if (!"pusher:connection_established".equals(established.path("event").asText())) {
            throw new AssertionError("Expected connection_established, got " + established);
        }
        return parse(established.get("data").asText()).get("socket_id").asText();
    }

    /** Waits for the server to close the socket. */
    public Closed awaitClose() {
        try {
            return closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("Socket not closed within " + TIMEOUT, e);
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

    /** Drops the TCP connection without a close frame. */
    public void abort() {
        socket.abort();
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + json, e);
        }
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
                frames.add(partial.toString());
                partial.setLength(0);
            }
            if (reading || frames.isEmpty()) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(1006, String.valueOf(error)));
        }
    }
}
