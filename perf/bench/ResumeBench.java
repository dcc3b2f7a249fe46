import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Resume time for many protocol-2 clients reconnecting at once (issue 10's benchmark row). Run with the JDK's
 * source launcher, nothing to build:
 *
 * <pre>java perf/bench/ResumeBench.java PORT CLIENTS MISSED [RESUME_PORT]</pre>
 *
 * CLIENTS sockets subscribe to one channel (demo app), all disconnect, MISSED events are published, then all
 * reconnect at once (to RESUME_PORT, another node in cluster mode) and resume from their last position. Reports the
 * time from the start of the reconnect until each client has its {@code starling:resume_success} and every missed
 * message (p50, p99, max) and checks that each got exactly the MISSED events. Loopback only; bounded by a timeout.
 */
public final class ResumeBench {

    private static final String KEY = "app-key";
    private static final String SECRET = "app-secret";
    private static final Pattern SERIAL = Pattern.compile("\"serial\":(\\d+)");
    private static final Pattern STREAM = Pattern.compile("\"stream_id\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int clients = Integer.parseInt(args[1]);
        int missed = Integer.parseInt(args[2]);
        int resumePort = args.length > 3 ? Integer.parseInt(args[3]) : port;
        String channel = "resume-bench-" + System.nanoTime();
        HttpClient http = HttpClient.newHttpClient();

        List<Client> first = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            first.add(Client.open(http, port, channel, null, null, 0));
        }
        for (Client client : first) {
            client.done.get(30, TimeUnit.SECONDS);
        }
        publish(http, port, channel, "before");
        String stream = null;
        long serial = -1;
        for (Client client : first) {
            client.firstMessage.get(30, TimeUnit.SECONDS);
            stream = client.stream;
            serial = client.lastSerial;
            client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
        }
        for (int i = 0; i < missed; i++) {
            publish(http, port, channel, "missed-" + i);
        }
        long start = System.nanoTime();
        List<Client> again = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            again.add(Client.open(http, resumePort, channel, stream, serial, missed));
        }
        long[] millis = new long[clients];
        for (int i = 0; i < clients; i++) {
            again.get(i).done.get(60, TimeUnit.SECONDS);
            millis[i] = TimeUnit.NANOSECONDS.toMillis(again.get(i).doneAt - start);
            if (again.get(i).replayed != missed) {
                throw new IllegalStateException("client " + i + " got " + again.get(i).replayed + " of " + missed);
            }
        }
        Arrays.sort(millis);
        System.out.printf("{\"clients\":%d,\"missed\":%d,\"resume_ms\":{\"p50\":%d,\"p99\":%d,\"max\":%d}}%n", clients,
                missed, millis[clients / 2], millis[Math.min(clients - 1, (int) (clients * 0.99))], millis[clients - 1]);
        for (Client client : again) {
            client.socket.abort();
        }
    }

    private static void publish(HttpClient http, int port, String channel, String data) throws Exception {
        String body = "{\"name\":\"bench\",\"channel\":\"" + channel + "\",\"data\":\"" + data + "\"}";
        String path = "/apps/app-id/events";
        TreeMap<String, String> query = new TreeMap<>();
        query.put("auth_key", KEY);
        query.put("auth_timestamp", Long.toString(System.currentTimeMillis() / 1000));
        query.put("auth_version", "1.0");
        query.put("body_md5", HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(body.getBytes(StandardCharsets.UTF_8))));
        StringBuilder q = new StringBuilder();
        query.forEach((k, v) -> q.append(q.isEmpty() ? "" : "&").append(k).append('=').append(v));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal(("POST\n" + path + "\n" + q)
                .getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path
                + "?" + q + "&auth_signature=" + signature)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("publish: " + response.statusCode() + " " + response.body());
        }
    }

    /** One protocol-2 socket: subscribes (with a resume when given), then counts replayed messages. */
    private static final class Client implements WebSocket.Listener {

        final CompletableFuture<Void> done = new CompletableFuture<>();
        final CompletableFuture<Void> firstMessage = new CompletableFuture<>();
        final String channel;
        final String resumeStream;
        final Long resumeSerial;
        final int expected;
        final StringBuilder text = new StringBuilder();
        WebSocket socket;
        String stream;
        long lastSerial = -1;
        int replayed;
        long doneAt;

        private Client(String channel, String resumeStream, Long resumeSerial, int expected) {
            this.channel = channel;
            this.resumeStream = resumeStream;
            this.resumeSerial = resumeSerial;
            this.expected = expected;
        }

        static Client open(HttpClient http, int port, String channel, String stream, Long serial, int expected) {
            Client client = new Client(channel, stream, serial, expected);
            client.socket = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/app/" + KEY
                    + "?protocol=2"), client).join();
            return client;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String frame = text.toString();
                text.setLength(0);
                handle(webSocket, frame);
            }
            webSocket.request(1);
            return null;
        }

        private void handle(WebSocket webSocket, String frame) {
            if (frame.contains("pusher:connection_established")) {
                String resume = resumeStream == null ? "" : ",\"resume\":{\"stream_id\":\"" + resumeStream
                        + "\",\"serial\":" + resumeSerial + "}";
                webSocket.sendText("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel + "\"" + resume
                        + "}}", true);
            } else if (frame.contains("pusher_internal:subscription_succeeded") && resumeStream == null) {
                done.complete(null);
            } else if (frame.contains("\"event\":\"bench\"")) {
                Matcher serial = SERIAL.matcher(frame);
                Matcher streamId = STREAM.matcher(frame);
                if (serial.find() && streamId.find()) {
                    lastSerial = Long.parseLong(serial.group(1));
                    stream = streamId.group(1);
                }
                replayed++;
                firstMessage.complete(null);
            } else if (frame.contains("starling:resume_success") || frame.contains("starling:resume_failed")) {
                doneAt = System.nanoTime();
                if (frame.contains("resume_failed")) {
                    done.completeExceptionally(new IllegalStateException(frame));
                } else {
                    done.complete(null);
                }
            }
        }
    }
}
