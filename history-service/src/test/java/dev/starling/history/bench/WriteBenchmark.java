package dev.starling.history.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;

import dev.starling.history.support.Backends;
import dev.starling.history.support.GatewayProducer;
import dev.starling.history.support.KafkaBackend;
import dev.starling.protocol.cluster.ChannelMessage;
import dev.starling.protocol.cluster.ClusterCodec;
import dev.starling.protocol.frame.ServerFrames;
import dev.starling.testkit.EmbeddedPostgresServer;
import dev.starling.testkit.HistoryServiceCommand;
import dev.starling.testkit.ProcessOutput;

/**
 * A bounded benchmark of history-service, run by {@code history-service/bench/run.sh}: a real in-process Kafka
 * broker, a real PostgreSQL 17 (durable defaults: fsync on) and the packaged service as a child process.
 *
 * <ol>
 *   <li><b>drain</b>: {@code --backlog} records are published first, then the service starts; rows/s is the
 *       backlog divided by the time from its first to its last written row (flat-out write throughput).</li>
 *   <li><b>rate</b>: records are published at {@code --rate}/s for {@code --seconds}; the write lag (records behind
 *       the topic end, summed over partitions, from the service's own metric) is sampled every 250 ms and reported
 *       as median, p99 and max, plus the time to catch up after publishing stops.</li>
 * </ol>
 * Prints a summary and one JSON line. Arguments: {@code --backlog N --rate R --seconds S --channels C --payload B
 * --partitions P --max-seconds M} (the run exits after M seconds whatever happens).
 */
public final class WriteBenchmark {

    private static final Pattern PORTS = Pattern.compile(
            "Listening on: http://[^:]+:(\\d+)\\. Management interface listening on http://[^:]+:(\\d+)");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Records Kafka acknowledged, and sends that failed (counted, reported, not retried). */
    private static final AtomicLong ACKED = new AtomicLong();
    private static final AtomicLong FAILED = new AtomicLong();

    private WriteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int backlog = Integer.parseInt(options.getOrDefault("backlog", "200000"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "5000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        int channels = Integer.parseInt(options.getOrDefault("channels", "1000"));
        int payload = Integer.parseInt(options.getOrDefault("payload", "200"));
        int partitions = Integer.parseInt(options.getOrDefault("partitions", "12"));
        int maxSeconds = Integer.parseInt(options.getOrDefault("max-seconds", "600"));
        Path jar = HistoryServiceCommand.jar("history-service/target/quarkus-app/quarkus-run.jar");
        Thread.ofPlatform().daemon().start(() -> { // the whole run is bounded, whatever happens
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(maxSeconds));
                System.err.println("benchmark exceeded --max-seconds " + maxSeconds + "; stopping");
                System.exit(2);
            } catch (InterruptedException e) {
                // the run ended
            }
        });

        try (KafkaBackend kafka = KafkaBackend.start(false);
             EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(Map.of())) {
            Backends.createTopic(kafka.bootstrapServers(), Backends.EVENTS_TOPIC, partitions);
            String data = "{\"payload\":\"" + "x".repeat(Math.max(0, payload - 14)) + "\"}";
            try (KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
                long started = System.nanoTime();
                for (int i = 0; i < backlog; i++) {
                    send(producer, partitions, "bench", "channel-" + (i % channels), data);
                }
                producer.flush();
                System.out.printf(Locale.ROOT, "published a backlog of %d records in %.1f s (%d sends failed)%n",
                        ACKED.get(), (System.nanoTime() - started) / 1e9, FAILED.get());

                List<String> command = HistoryServiceCommand.of(jar, 0, 0, HistoryServiceCommand.Backends.of(
                        kafka.bootstrapServers(), postgres, EmbeddedPostgresServer.DATABASE),
                        List.of("-Xmx512m", "-Dstarling.history.kafka.probe-interval=250ms"));
                ProcessOutput service = ProcessOutput.start(command, line -> { });
                Runtime.getRuntime().addShutdownHook(new Thread(service.process()::destroyForcibly));
                try {
                    Matcher ports = PORTS.matcher(service.awaitLine(l -> PORTS.matcher(l).find(),
                            Duration.ofSeconds(90)));
                    ports.find();
                    int management = Integer.parseInt(ports.group(2));
                    Drain drain = drain(management, ACKED.get());
                    // The lag gauge is refreshed by the service's Kafka probe: start measuring once it saw the drain.
                    while (metric(management, "starling_history_write_lag_records") > 0) {
                        Thread.sleep(50);
                    }
                    Rate measured = rate(producer, partitions, channels, data, rate, seconds, management);
                    report(backlog, rate, seconds, channels, payload, partitions, drain, measured);
                } finally {
                    service.process().destroy();
                    service.awaitExit(Duration.ofSeconds(30));
                }
            }
        }
    }

    record Drain(double seconds, double rowsPerSecond) {
    }

    record Rate(long achievedRate, long lagP50, long lagP99, long lagMax, double catchUpSeconds) {
    }

    private static Drain drain(int management, long backlog) throws Exception {
        System.out.printf(Locale.ROOT, "draining %d records%n", backlog);
        long first = 0;
        while (true) {
            double rows = metric(management, "starling_history_rows_written_total");
            long now = System.nanoTime();
            if (rows > 0 && first == 0) {
                first = now;
            }
            if (rows >= backlog) {
                double seconds = (now - first) / 1e9;
                return new Drain(seconds, backlog / seconds);
            }
            Thread.sleep(50);
        }
    }

    private static Rate rate(KafkaProducer<byte[], byte[]> producer, int partitions, int channels, String data,
            int rate, int seconds, int management) throws Exception {
        List<Long> lags = Collections.synchronizedList(new ArrayList<>());
        AtomicLong sent = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    lags.add((long) metric(management, "starling_history_write_lag_records"));
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a sample lost
                }
            }
        });
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long next = start;
        for (int i = 0; System.nanoTime() < end; i++) {
            send(producer, partitions, "bench", "channel-" + (i % channels), data);
            sent.incrementAndGet();
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // pacing of the load, not synchronization
            }
        }
        producer.flush();
        long stopped = System.nanoTime();
        long achieved = sent.get() * 1_000_000_000L / (stopped - start);
        while (metric(management, "starling_history_rows_written_total") < ACKED.get()) {
            Thread.sleep(20);
        }
        double catchUp = (System.nanoTime() - stopped) / 1e9;
        sampler.interrupt();
        sampler.join();
        List<Long> sorted = new ArrayList<>(lags);
        Collections.sort(sorted);
        return new Rate(achieved, percentile(sorted, 0.5), percentile(sorted, 0.99),
                sorted.isEmpty() ? 0 : sorted.getLast(), catchUp);
    }

    private static void report(int backlog, int rate, int seconds, int channels, int payload, int partitions,
            Drain drain, Rate measured) {
        System.out.printf(Locale.ROOT, "drain: %d rows in %.2f s = %.0f rows/s (failed sends over the run: %d)%n",
                backlog, drain.seconds(), drain.rowsPerSecond(), FAILED.get());
        System.out.printf(Locale.ROOT, "rate: %d records/s offered (%d achieved) for %d s over %d channels: write lag"
                + " p50 %d, p99 %d, max %d records; caught up %.2f s after the last publish%n", rate,
                measured.achievedRate(), seconds, channels, measured.lagP50(), measured.lagP99(), measured.lagMax(),
                measured.catchUpSeconds());
        System.out.printf(Locale.ROOT, "{\"benchmark\":\"history-write\",\"backlog\":%d,\"drain_seconds\":%.3f,"
                + "\"drain_rows_per_second\":%.0f,\"rate\":%d,\"achieved_rate\":%d,\"seconds\":%d,\"channels\":%d,"
                + "\"payload_bytes\":%d,\"partitions\":%d,\"lag_p50\":%d,\"lag_p99\":%d,\"lag_max\":%d,"
                + "\"catch_up_seconds\":%.3f,\"cores\":%d,\"java\":\"%s\"}%n", backlog, drain.seconds(),
                drain.rowsPerSecond(), rate, measured.achievedRate(), seconds, channels, payload, partitions,
                measured.lagP50(), measured.lagP99(), measured.lagMax(), measured.catchUpSeconds(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, int partitions, String app, String channel,
            String data) {
        byte[] key = GatewayProducer.key(app, channel);
        byte[] value = ClusterCodec.encode(new ChannelMessage(app, channel,
                ServerFrames.channelEvent("bench", channel, data, null), null, ChannelMessage.Source.API, "bench",
                System.currentTimeMillis()));
        producer.send(new ProducerRecord<>(Backends.EVENTS_TOPIC, Utils.toPositive(Utils.murmur2(key)) % partitions,
                key, value), (metadata, error) -> {
                    if (error == null) {
                        ACKED.incrementAndGet();
                    } else if (FAILED.incrementAndGet() == 1) {
                        System.err.println("first failed send: " + error);
                    }
                });
    }

    private static KafkaProducer<byte[], byte[]> producer(String servers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static double metric(int port, String name) throws Exception {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/metrics")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        return text.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
