package dev.starling.push.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.starling.protocol.json.Json;

/**
 * A local FCM: a Google OAuth2 token endpoint that accepts only JWT assertions signed (RS256) by the test service
 * account's key with the right issuer, audience and scope, and an HTTP v1 {@code messages:send} endpoint that
 * accepts only the access tokens it issued and checks the message shape (a token, string-valued {@code data}).
 * Registration tokens can be scripted to answer {@code UNREGISTERED}, {@code INVALID_ARGUMENT} or 429.
 */
public final class FcmServer implements AutoCloseable {

    public static final String PROJECT = "starling-test";

    /** An accepted message. */
    public record Sent(String token, JsonNode message) {

        public JsonNode pusher() {
            try {
                return Json.MAPPER.readTree(message.path("data").path("pusher").asText());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private record Script(int status, String body, AtomicInteger times, String retryAfter) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final KeyPair accountKey;
    private final String clientEmail = "push@" + PROJECT + ".iam.gserviceaccount.com";
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();

    public FcmServer() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        accountKey = generator.generateKeyPair();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(executor);
        server.createContext("/token", this::token);
        server.createContext("/v1/", this::send);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Writes the service-account JSON (as the Firebase console downloads it) pointing at this token endpoint. */
    public Path writeServiceAccount(Path directory) throws IOException {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(accountKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        ObjectNode account = Json.MAPPER.createObjectNode().put("type", "service_account").put("project_id", PROJECT)
                .put("private_key_id", "test-key-1").put("private_key", pem).put("client_email", clientEmail)
                .put("client_id", "1234567890").put("auth_uri", endpoint() + "/auth")
                .put("token_uri", endpoint() + "/token");
        Path file = directory.resolve("fcm-service-account.json");
        Files.writeString(file, account.toString());
        return file;
    }

    public void answer(String registrationToken, int status, String body, int times, String retryAfter) {
        scripts.put(registrationToken, new Script(status, body, new AtomicInteger(times), retryAfter));
    }

    public void unregistered(String registrationToken) {
        answer(registrationToken, 404, "{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\","
                + "\"status\":\"NOT_FOUND\",\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\","
                + "\"errorCode\":\"UNREGISTERED\"}]}}", Integer.MAX_VALUE, null);
    }

    public void invalidToken(String registrationToken) {
        answer(registrationToken, 400, "{\"error\":{\"code\":400,\"message\":\"The registration token is not a valid "
                + "FCM registration token\",\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":"
                + "\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"INVALID_ARGUMENT\"},"
                + "{\"@type\":\"type.googleapis.com/google.rpc.BadRequest\",\"fieldViolations\":[{\"field\":"
                + "\"message.token\",\"description\":\"Invalid registration token\"}]}]}}", Integer.MAX_VALUE, null);
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public List<Sent> sent(String registrationToken) {
        return sent.stream().filter(s -> s.token().equals(registrationToken)).toList();
    }

    public List<String> rejected() {
        return List.copyOf(rejected);
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    private void token(HttpExchange exchange) throws IOException {
        tokenRequests.incrementAndGet();
        Map<String, String> form = form(read(exchange));
        try {
            if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
                throw new IllegalArgumentException("grant_type " + form.get("grant_type"));
            }
            String[] jwt = form.getOrDefault("assertion", "").split("\\.");
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(accountKey.getPublic());
            verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(Base64.getUrlDecoder().decode(jwt[2]))) {
                throw new IllegalArgumentException("assertion signature");
            }
            JsonNode header = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(jwt[0]));
            JsonNode claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(jwt[1]));
            long now = System.currentTimeMillis() / 1000;
            if (!"RS256".equals(header.path("alg").asText()) || !clientEmail.equals(claims.path("iss").asText())
                    // Google's token endpoint takes only its own URL as the audience, wherever it is reached.
                    || !"https://oauth2.googleapis.com/token".equals(claims.path("aud").asText())
                    || !claims.path("scope").asText().contains("https://www.googleapis.com/auth/firebase.messaging")
                    || claims.path("exp").asLong() <= now || claims.path("iat").asLong() > now + 60) {
                throw new IllegalArgumentException("claims " + claims);
            }
        } catch (Exception e) {
            rejected.add("token request: " + e.getMessage());
            respond(exchange, 400, "{\"error\":\"invalid_grant\"}", null);
            return;
        }
        String accessToken = "ya29.test-" + UUID.randomUUID();
        issued.add(accessToken);
        respond(exchange, 200, "{\"access_token\":\"" + accessToken + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}",
                null);
    }

    private void send(HttpExchange exchange) throws IOException {
        String body = read(exchange);
        String path = exchange.getRequestURI().getPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !issued.contains(authorization.replaceFirst("^Bearer ", ""))) {
            rejected.add("send without a valid access token: " + authorization);
            respond(exchange, 401, "{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}", null);
            return;
        }
        if (!path.equals("/v1/projects/" + PROJECT + "/messages:send") || !"POST".equals(exchange.getRequestMethod())) {
            rejected.add("bad path " + path);
            respond(exchange, 404, "{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\"}}", null);
            return;
        }
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(body).path("message");
            String token = message.path("token").asText("");
            if (token.isEmpty()) {
                throw new IllegalArgumentException("no token");
            }
            for (Iterator<JsonNode> it = message.path("data").elements(); it.hasNext(); ) {
                if (!it.next().isTextual()) {
                    throw new IllegalArgumentException("data values must be strings");
                }
            }
        } catch (Exception e) {
            rejected.add("bad message: " + e.getMessage() + " " + body);
            respond(exchange, 400, "{\"error\":{\"code\":400,\"status\":\"INVALID_ARGUMENT\"}}", null);
            return;
        }
        String token = message.path("token").asText();
        Script script = scripts.get(token);
        if (script != null && script.times().getAndDecrement() > 0) {
            respond(exchange, script.status(), script.body(), script.retryAfter());
            return;
        }
        sent.add(new Sent(token, message));
        respond(exchange, 200, "{\"name\":\"projects/" + PROJECT + "/messages/" + UUID.randomUUID() + "\"}", null);
    }

    private static String read(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void respond(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
