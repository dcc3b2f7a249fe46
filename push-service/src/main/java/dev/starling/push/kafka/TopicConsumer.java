package dev.starling.push.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import dev.starling.protocol.Parsed;
import io.smallrye.mutiny.Uni;

/**
 * One consumer group member on its own thread: poll a batch, decode it (undecodable records are counted and
 * skipped), hand it to the store, and commit the offsets only after the store's transaction committed. When the
 * store fails (PostgreSQL down), the consumer seeks back to the batch's first offsets and tries again after a
 * growing pause, so nothing is skipped and nothing is committed early: at least once, end to end.
 */
final class TopicConsumer<T> {

    private static final Logger LOG = Logger.getLogger(TopicConsumer.class);

    private final String topic;
    private final String group;
    private final KafkaSettings settings;
    private final Function<byte[], Parsed<T>> decoder;
    private final Function<List<T>, Uni<Void>> store;
    private final Runnable rejected;
    private final Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private volatile long lastPollNanos = System.nanoTime();

    TopicConsumer(String topic, String group, KafkaSettings settings, Function<byte[], Parsed<T>> decoder,
            Function<List<T>, Uni<Void>> store, Runnable rejected) {
        this.topic = topic;
        this.group = group;
        this.settings = settings;
        this.decoder = decoder;
        this.store = store;
        this.rejected = rejected;
        this.thread = new Thread(this::run, "kafka-" + group);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Whether the loop polled within {@code within} (for readiness). */
    boolean healthy(Duration within) {
        return running && thread.isAlive() && System.nanoTime() - lastPollNanos < within.toNanos();
    }

    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Map<String, Object> properties = settings.common();
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "starling-push-" + group);
        long pauseMillis = 100;
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = kafka;
            kafka.subscribe(List.of(topic));
            while (running) {
                ConsumerRecords<String, byte[]> records = kafka.poll(Duration.ofMillis(500));
                lastPollNanos = System.nanoTime();
                if (records.isEmpty()) {
                    continue;
                }
                List<T> batch = new ArrayList<>(records.count());
                Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
                Map<TopicPartition, Long> first = new HashMap<>();
                for (ConsumerRecord<String, byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    first.putIfAbsent(partition, record.offset());
                    next.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    Parsed<T> decoded = decoder.apply(record.value());
                    if (decoded.isOk()) {
                        batch.add(decoded.value());
                    } else {
                        rejected.run();
                        LOG.warnf("Skipping an undecodable record at %s offset %d: %s", partition, record.offset(),
                                decoded.reason());
                    }
                }
                try {
                    store.apply(batch).await().atMost(Duration.ofSeconds(30));
                    kafka.commitSync(next);
                    pauseMillis = 100;
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    LOG.warnf("Could not store %d records from %s (%s); retrying in %d ms", batch.size(), topic,
                            e.getMessage(), pauseMillis);
                    first.forEach(kafka::seek);
                    Thread.sleep(pauseMillis); // backoff while the store is unavailable; the loop then polls again
                    pauseMillis = Math.min(pauseMillis * 2, 10_000);
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "The %s consumer stopped", group);
        } finally {
            running = false;
        }
    }
}
