package dev.starling.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import dev.starling.protocol.auth.WebhookSignature;
import dev.starling.protocol.json.Json;

/**
 * A local webhook endpoint for tests. Records every request, checks its signature against the secret of the app
 * named by {@code X-Pusher-Key}, and answers with a status tests can set per path (e.g. fail the first N).
 */
public final class WebhookReceiver {

    /** One received request: its path, the app key, whether the signature was valid, and the parsed body. */
    public record Received(String path, String key, boolean signatureValid, String body, JsonNode json) {

        /** The webhook events in the body. */
        public List<JsonNode> events() {
            List<JsonNode> events = new ArrayList<>();
            json.path("events").forEach(events::add);
            return events;
        }
    }

    private final HttpServer server;
    private final Map<String, String> secretsByKey;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final Map<String, Integer> failureStatus = new ConcurrentHashMap<>();

    public WebhookReceiver(Map<String, String> secretsByKey) throws IOException {
        this.secretsByKey = secretsByKey;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String key = exchange.getRequestHeaders().getFirst(WebhookSignature.KEY_HEADER);
            String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER);
            String secret = key == null ? null : secretsByKey.get(key);
            boolean valid = secret != null && WebhookSignature.verify(secret, body, signature);
            String path = exchange.getRequestURI().getPath();
            String text = new String(body, StandardCharsets.UTF_8);
            received.add(new Received(path, key, valid, text, Json.MAPPER.readTree(text)));
            AtomicInteger left = failuresLeft.get(path);
            int status = left != null && left.getAndDecrement() > 0 ? failureStatus.getOrDefault(path, 500) : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next {@code count} requests to {@code path} fail with {@code status}. */
    public void failNext(String path, int count, int status) {
        failuresLeft.put(path, new AtomicInteger(count));
        failureStatus.put(path, status);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Events received on {@code path} for {@code channel}, in arrival order. */
    public List<JsonNode> events(String path, String channel) {
        List<JsonNode> events = new ArrayList<>();
        for (Received request : received) {
            if (request.path().equals(path)) {
                for (JsonNode event : request.events()) {
                    if (channel.equals(event.path("channel").asText())) {
                        events.add(event);
                    }
                }
            }
        }
        return events;
    }

    public void clear() {
        received.clear();
        failuresLeft.clear();
    }

    public void stop() {
        server.stop(0);
    }
}
