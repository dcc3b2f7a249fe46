package dev.starling.push.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.starling.push.support.Api;
import dev.starling.push.support.Postgres;
import dev.starling.push.support.PushProcess;
import dev.starling.push.support.WebPushReceiver;

/**
 * A bounded load run of the packaged push-service (standalone mode, embedded PostgreSQL, all on this machine): D
 * browser subscriptions on one interest, N publishes to it from C concurrent HTTP clients. Reports publishes/s
 * accepted, deliveries/s to the local Web Push receiver (which verifies VAPID and decrypts every message), and the
 * publish-to-delivery latency percentiles (request sent → notification decrypted). Stops by itself.
 *
 * <pre>
 * mvn -f push-service/pom.xml -DskipTests package
 * mvn -f push-service/pom.xml exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.starling.push.bench.PushBenchmark -Dexec.args="2000 16 1"
 * </pre>
 * Arguments: publishes (2000), concurrent clients (16), devices on the interest (1).
 */
public final class PushBenchmark {

    private PushBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int publishes = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int devices = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        String instance = "bench";
        String secret = "bench-secret";
        try (Postgres postgres = Postgres.start(); WebPushReceiver receiver = new WebPushReceiver()) {
            Map<String, String> settings = new HashMap<>();
            settings.put("starling.push.db.url", postgres.url());
            settings.put("starling.push.db.username", postgres.user());
            settings.put("starling.push.db.password", postgres.password());
            settings.put("starling.push.web.allowed-endpoints", receiver.endpointPrefix());
            settings.put("starling.push.instances." + instance + ".secret-key", secret);
            try (PushProcess service = PushProcess.start(settings)) {
                Api api = service.api();
                String vapid = api.get("/device_api/v1/instances/" + instance + "/web-vapid-public-key").json()
                        .path("vapidPublicKey").asText();
                for (int i = 0; i < devices; i++) {
                    String id = api.post("/device_api/v1/instances/" + instance + "/devices/web", "{\"token\":\""
                            + receiver.subscribe(vapid).token() + "\"}").json().path("id").asText();
                    api.post("/device_api/v1/instances/" + instance + "/devices/web/" + id + "/interests/bench", null);
                }
                warmUp(api, instance, secret, receiver, devices);
                receiver.clear();

                Map<String, Long> sentAt = new ConcurrentHashMap<>();
                AtomicInteger failures = new AtomicInteger();
                ExecutorService pool = Executors.newFixedThreadPool(clients);
                long start = System.currentTimeMillis();
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < publishes; i++) {
                    int n = i;
                    futures.add(pool.submit(() -> {
                        long sent = System.currentTimeMillis();
                        Api.Answer answer = api.post("/publish_api/v1/instances/" + instance + "/publishes/interests",
                                "{\"interests\":[\"bench\"],\"web\":{\"notification\":{\"title\":\"#" + n
                                        + "\",\"body\":\"benchmark\"},\"data\":{\"n\":" + n + "}}}", "Bearer " + secret);
                        if (answer.status() == 200) {
                            sentAt.put(answer.json().path("publishId").asText(), sent);
                        } else {
                            failures.incrementAndGet();
                        }
                    }));
                }
                for (Future<?> future : futures) {
                    future.get();
                }
                long accepted = System.currentTimeMillis();
                pool.shutdown();
                int expected = sentAt.size() * devices;
                long deadline = System.currentTimeMillis() + Duration.ofMinutes(5).toMillis();
                while (receiver.messages().size() < expected && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50); // a benchmark's progress poll, bounded by the deadline
                }
                List<WebPushReceiver.Message> messages = receiver.messages();
                long lastDelivery = messages.stream().mapToLong(WebPushReceiver.Message::receivedAtMillis).max()
                        .orElse(accepted);
                List<Long> latencies = new ArrayList<>();
                for (WebPushReceiver.Message message : messages) {
                    Long sent = sentAt.get(message.publishId());
                    if (sent != null) {
                        latencies.add(message.receivedAtMillis() - sent);
                    }
                }
                latencies.sort(Long::compare);
                System.out.printf("%nRESULT publishes=%d clients=%d devices=%d refused=%d%n", publishes, clients,
                        devices, failures.get());
                System.out.printf("RESULT accepted: %.0f publishes/s (%d in %d ms)%n",
                        sentAt.size() * 1000.0 / Math.max(1, accepted - start), sentAt.size(), accepted - start);
                System.out.printf("RESULT delivered: %d of %d, %.0f deliveries/s (first publish to last delivery %d ms)%n",
                        messages.size(), expected, messages.size() * 1000.0 / Math.max(1, lastDelivery - start),
                        lastDelivery - start);
                System.out.printf("RESULT latency publish->delivered ms: p50=%d p90=%d p99=%d max=%d%n",
                        percentile(latencies, 50), percentile(latencies, 90), percentile(latencies, 99),
                        latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1));
                System.out.printf("RESULT rejected by the receiver: %d%n", receiver.rejected().size());
            }
        }
    }

    private static void warmUp(Api api, String instance, String secret, WebPushReceiver receiver, int devices)
            throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            api.post("/publish_api/v1/instances/" + instance + "/publishes/interests",
                    "{\"interests\":[\"bench\"],\"web\":{\"notification\":{\"title\":\"warm\"}}}", "Bearer " + secret);
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (receiver.messages().size() < 50 * devices && System.currentTimeMillis() < deadline) {
            Thread.sleep(50); // bounded warm-up wait
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
