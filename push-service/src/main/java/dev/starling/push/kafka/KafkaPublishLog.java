package dev.starling.push.kafka;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.starling.protocol.push.PushPublish;
import dev.starling.protocol.push.PushPublishCodec;
import dev.starling.push.publish.PublishIntake;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Cluster mode's intake: the publish is written to {@code {prefix}push} (key: the instance id) with
 * {@code acks=all} and idempotence, and accepted only once Kafka acknowledged it. A send that is not acknowledged
 * within {@code kafka.send-timeout} fails, and the API answers 503: the caller retries, nothing was accepted.
 */
@ApplicationScoped
@Typed(KafkaPublishLog.class)
public class KafkaPublishLog implements PublishIntake {

    private final KafkaSettings settings;
    private volatile KafkaProducer<String, byte[]> producer;

    public KafkaPublishLog(KafkaSettings settings) {
        this.settings = settings;
    }

    @Override
    public Uni<Void> accept(PushPublish publish) {
        // send() may block while the producer fetches metadata: never on the event loop.
        return Uni.createFrom().deferred(() -> send(publish))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(settings.sendTimeout()).fail();
    }

    private Uni<Void> send(PushPublish publish) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            producer().send(new ProducerRecord<>(settings.pushTopic(), PushPublishCodec.key(publish),
                    PushPublishCodec.encodeBytes(publish)), (metadata, error) -> {
                        if (error != null) {
                            acked.completeExceptionally(error);
                        } else {
                            acked.complete(null);
                        }
                    });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return Uni.createFrom().completionStage(acked);
    }

    /** Connects the producer early (cluster mode start), so the first publish does not wait for metadata. */
    public void warmUp() {
        producer().partitionsFor(settings.pushTopic());
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> properties = settings.common();
                    properties.put(ProducerConfig.ACKS_CONFIG, "all");
                    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    properties.put(ProducerConfig.LINGER_MS_CONFIG, 1);
                    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.sendTimeout().toMillis());
                    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                            (int) Math.max(settings.sendTimeout().toMillis(), 1_000L) + 1_000);
                    properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                            (int) Math.max(settings.sendTimeout().toMillis(), 1_000L));
                    properties.put(ProducerConfig.CLIENT_ID_CONFIG, "starling-push");
                    producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
                }
                current = producer;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
