package dev.starling.push.support;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.starling.protocol.json.Json;

/**
 * A local Web Push service that checks what browsers' push services check, written independently of the service
 * under test: it creates subscriptions bound to an application server key (as {@code pushManager.subscribe} does),
 * requires {@code Content-Encoding: aes128gcm} and a {@code TTL}, verifies the VAPID JWT (RFC 8292: ES256 signature
 * by the bound key, {@code aud} = the endpoint's origin, {@code exp} within 24 h, a {@code sub}), and decrypts the
 * RFC 8291 payload with the subscription's private key and auth secret (HKDF from BouncyCastle). Requests failing any
 * check get 401/400 and are recorded as rejected. Tests can script answers per subscription (410, 429 with
 * Retry-After, 503 …) and hold all requests unanswered.
 */
public final class WebPushReceiver implements AutoCloseable {

    /** A subscription: its endpoint and keys, and the device token the Beams web SDK would register. */
    public record Subscription(String id, String endpoint, KeyPair keys, byte[] auth, String applicationServerKey) {

        public byte[] publicKey() {
            return uncompressed((ECPublicKey) keys.getPublic());
        }

        /** {@code btoa(JSON.stringify(subscription))}, as the web SDK sends it. */
        public String token() {
            String json = "{\"endpoint\":\"" + endpoint + "\",\"expirationTime\":null,\"keys\":{\"p256dh\":\""
                    + B64URL.encodeToString(publicKey()) + "\",\"auth\":\"" + B64URL.encodeToString(auth) + "\"}}";
            return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A decrypted notification. */
    public record Message(String subscriptionId, String plaintext, JsonNode json, int ttl, String urgency,
            long receivedAtMillis) {

        public String publishId() {
            return json.path("data").path("pusher").path("publishId").asText(null);
        }
    }

    private record Script(int status, AtomicInteger times, String retryAfter) {
    }

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<HttpExchange> held = new ArrayList<>();
    private volatile boolean holding;

    public WebPushReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(executor);
        server.createContext("/push/", this::handle);
        server.start();
    }

    /** The allowlist prefix that covers this receiver's endpoints. */
    public String endpointPrefix() {
        return origin() + "/push/";
    }

    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new subscription bound to {@code applicationServerKey} (base64url, as the VAPID public key API answers). */
    public Subscription subscribe(String applicationServerKey) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            byte[] auth = new byte[16];
            new SecureRandom().nextBytes(auth);
            String id = UUID.randomUUID().toString();
            Subscription subscription = new Subscription(id, endpointPrefix() + id, generator.generateKeyPair(), auth,
                    applicationServerKey);
            subscriptions.put(id, subscription);
            return subscription;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next {@code times} requests to the subscription get {@code status} (with {@code Retry-After} if set). */
    public void answer(Subscription subscription, int status, int times, String retryAfter) {
        scripts.put(subscription.id(), new Script(status, new AtomicInteger(times), retryAfter));
    }

    /** Every request to the subscription gets {@code status}, until {@link #clearAnswers}. */
    public void answerAlways(Subscription subscription, int status) {
        answer(subscription, status, Integer.MAX_VALUE, null);
    }

    public void clearAnswers(Subscription subscription) {
        scripts.remove(subscription.id());
    }

    /** Requests are accepted but not answered until {@link #release()} (a hanging push service). */
    public synchronized void hold() {
        holding = true;
    }

    public synchronized void release() {
        holding = false;
        for (HttpExchange exchange : held) {
            respond(exchange, 201, null);
        }
        held.clear();
    }

    public List<Message> messages() {
        return List.copyOf(messages);
    }

    public List<Message> messages(Subscription subscription) {
        return messages.stream().filter(m -> m.subscriptionId().equals(subscription.id())).toList();
    }

    /** Why requests were refused (bad VAPID, bad encryption …): must stay empty in every test. */
    public List<String> rejected() {
        return List.copyOf(rejected);
    }

    public int requests() {
        return requests.get();
    }

    public void clear() {
        messages.clear();
        rejected.clear();
        scripts.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String id = exchange.getRequestURI().getPath().substring("/push/".length());
        Subscription subscription = subscriptions.get(id);
        if (subscription == null || !"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 404, null);
            return;
        }
        Message message;
        try {
            message = verifyAndDecrypt(subscription, exchange, body);
        } catch (Refusal refusal) {
            rejected.add(refusal.getMessage());
            respond(exchange, refusal.status, null);
            return;
        }
        Script script = scripts.get(id);
        if (script != null && script.times().getAndDecrement() > 0) {
            respond(exchange, script.status(), script.retryAfter());
            return;
        }
        messages.add(message);
        synchronized (this) {
            if (holding) {
                held.add(exchange);
                return;
            }
        }
        respond(exchange, 201, null);
    }

    private Message verifyAndDecrypt(Subscription subscription, HttpExchange exchange, byte[] body) throws Refusal {
        var headers = exchange.getRequestHeaders();
        if (!"aes128gcm".equals(headers.getFirst("Content-Encoding"))) {
            throw new Refusal(400, "Content-Encoding is not aes128gcm: " + headers.getFirst("Content-Encoding"));
        }
        int ttl;
        try {
            ttl = Integer.parseInt(headers.getFirst("TTL"));
        } catch (RuntimeException e) {
            throw new Refusal(400, "missing or bad TTL header");
        }
        verifyVapid(subscription, headers.getFirst("Authorization"));
        String plaintext = decrypt(subscription, body);
        try {
            return new Message(subscription.id(), plaintext, Json.MAPPER.readTree(plaintext), ttl,
                    headers.getFirst("Urgency"), System.currentTimeMillis());
        } catch (IOException e) {
            throw new Refusal(400, "payload is not JSON: " + plaintext);
        }
    }

    private void verifyVapid(Subscription subscription, String authorization) throws Refusal {
        if (authorization == null || !authorization.startsWith("vapid ")) {
            throw new Refusal(401, "no vapid authorization: " + authorization);
        }
        String token = null;
        String key = null;
        for (String part : authorization.substring(6).split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                token = pair[1];
            } else if (pair.length == 2 && pair[0].equals("k")) {
                key = pair[1];
            }
        }
        if (token == null || key == null) {
            throw new Refusal(401, "vapid needs t and k");
        }
        if (!key.equals(subscription.applicationServerKey())) {
            throw new Refusal(403, "k is not the key the subscription was created with");
        }
        String[] jwt = token.split("\\.");
        if (jwt.length != 3) {
            throw new Refusal(401, "t is not a JWT");
        }
        try {
            JsonNode header = Json.MAPPER.readTree(B64URL_DECODER.decode(jwt[0]));
            JsonNode claims = Json.MAPPER.readTree(B64URL_DECODER.decode(jwt[1]));
            if (!"ES256".equals(header.path("alg").asText())) {
                throw new Refusal(401, "alg is not ES256");
            }
            byte[] jose = B64URL_DECODER.decode(jwt[2]);
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(publicKey(B64URL_DECODER.decode(key)));
            verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            if (jose.length != 64 || !verifier.verify(jose)) {
                throw new Refusal(401, "VAPID signature does not verify");
            }
            URI endpoint = URI.create(subscription.endpoint());
            String origin = endpoint.getScheme() + "://" + endpoint.getAuthority();
            if (!origin.equals(claims.path("aud").asText())) {
                throw new Refusal(401, "aud " + claims.path("aud") + " is not " + origin);
            }
            long exp = claims.path("exp").asLong(0);
            long now = System.currentTimeMillis() / 1000;
            if (exp <= now || exp > now + 24 * 3600) {
                throw new Refusal(401, "exp " + exp + " is not within 24 h");
            }
            String sub = claims.path("sub").asText("");
            if (!sub.startsWith("mailto:") && !sub.startsWith("https:")) {
                throw new Refusal(401, "sub " + sub + " is not mailto: or https:");
            }
        } catch (Refusal r) {
            throw r;
        } catch (Exception e) {
            throw new Refusal(401, "unreadable VAPID token: " + e);
        }
    }

    /** RFC 8291 §3.4 and RFC 8188: one aes128gcm record. */
    private static String decrypt(Subscription subscription, byte[] body) throws Refusal {
        try {
            ByteBuffer in = ByteBuffer.wrap(body);
            byte[] salt = new byte[16];
            in.get(salt);
            int recordSize = in.getInt();
            int keyIdLength = in.get() & 0xff;
            if (keyIdLength != 65 || recordSize < 18 || body.length > 4096 + 86) {
                throw new Refusal(400, "bad aes128gcm header: rs=" + recordSize + " idlen=" + keyIdLength);
            }
            byte[] asPublic = new byte[65];
            in.get(asPublic);
            byte[] ciphertext = new byte[in.remaining()];
            in.get(ciphertext);
            if (ciphertext.length > recordSize) {
                throw new Refusal(400, "more than one record");
            }
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(subscription.keys().getPrivate());
            agreement.doPhase(publicKey(asPublic), true);
            byte[] ecdhSecret = agreement.generateSecret();
            byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), subscription.publicKey(),
                    asPublic);
            byte[] ikm = hkdf(ecdhSecret, subscription.auth(), keyInfo, 32);
            byte[] cek = hkdf(ikm, salt, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
            byte[] nonce = hkdf(ikm, salt, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
            byte[] padded = cipher.doFinal(ciphertext);
            int end = padded.length - 1;
            while (end >= 0 && padded[end] == 0) {
                end--;
            }
            if (end < 0 || padded[end] != 2) {
                throw new Refusal(400, "the last record's padding delimiter is not 0x02");
            }
            return new String(padded, 0, end, StandardCharsets.UTF_8);
        } catch (Refusal r) {
            throw r;
        } catch (Exception e) {
            throw new Refusal(400, "cannot decrypt: " + e);
        }
    }

    private static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info, int length) {
        HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[length];
        generator.generateBytes(out, 0, length);
        return out;
    }

    private static ECPublicKey publicKey(byte[] point) throws GeneralSecurityException {
        java.security.AlgorithmParameters parameters = java.security.AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(
                new BigInteger(1, Arrays.copyOfRange(point, 1, 33)), new BigInteger(1, Arrays.copyOfRange(point, 33, 65))),
                spec));
    }

    static byte[] uncompressed(ECPublicKey key) {
        byte[] out = new byte[65];
        out[0] = 4;
        copy32(key.getW().getAffineX(), out, 1);
        copy32(key.getW().getAffineY(), out, 33);
        return out;
    }

    private static void copy32(BigInteger value, byte[] out, int offset) {
        byte[] raw = value.toByteArray();
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, offset + 32 - n, n);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    private static void respond(HttpExchange exchange, int status, String retryAfter) {
        try {
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            if (status == 201) {
                exchange.getResponseHeaders().add("Location", exchange.getRequestURI().toString() + "/m");
            }
            exchange.sendResponseHeaders(status, -1);
        } catch (IOException ignored) {
            // the client went away
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static final class Refusal extends Exception {
        final int status;

        Refusal(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
