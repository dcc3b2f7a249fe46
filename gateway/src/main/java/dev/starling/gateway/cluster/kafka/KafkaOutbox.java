package dev.starling.gateway.cluster.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

import dev.starling.gateway.cluster.ClusterUnavailableException;
import dev.starling.gateway.cluster.Outbox;
import dev.starling.gateway.config.GatewayConfig;

/**
 * The {@link Outbox} on Kafka: an idempotent producer ({@code acks=all}) that retries until Kafka has the record, fed
 * by one thread so that a send never blocks the caller (a stripe or an event loop) and records keep their order.
 * Webhook jobs must not be lost once their cause happened, so they wait out a Kafka outage in the producer;
 * {@code close} flushes what is pending.
 */
public final class KafkaOutbox implements Outbox, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaOutbox.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaTopics topics;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "starling-kafka-outbox");
        thread.setDaemon(true);
        return thread;
    });

    public KafkaOutbox(String nodeId, GatewayConfig.Kafka config) {
        this.topics = new KafkaTopics(config.topicPrefix());
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers().orElseThrow());
        properties.putAll(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, (int) config.linger().toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.MAX_VALUE,
                ProducerConfig.CLIENT_ID_CONFIG, "starling-" + nodeId + "-outbox"));
        properties.putAll(config.properties());
        this.producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public CompletionStage<Void> send(Topic topic, String key, byte[] value) {
        String name = switch (topic) {
            case WEBHOOKS -> topics.webhooks;
            case PUSH -> topics.push;
        };
        CompletableFuture<Void> done = new CompletableFuture<>();
        sender.execute(() -> {
            try {
                producer.send(new ProducerRecord<>(name, key.getBytes(StandardCharsets.UTF_8), value),
                        (metadata, error) -> {
                            if (error == null) {
                                done.complete(null);
                            } else {
                                LOG.errorf("Record for %s lost: %s", name, error.toString());
                                done.completeExceptionally(new ClusterUnavailableException(error.getMessage(), error));
                            }
                        });
            } catch (RuntimeException e) {
                done.completeExceptionally(new ClusterUnavailableException(e.toString(), e));
            }
        });
        return done;
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("Outbox sender did not finish within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
