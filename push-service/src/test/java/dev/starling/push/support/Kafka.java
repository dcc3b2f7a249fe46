package dev.starling.push.support;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * A real Kafka broker for the tests: SmallRye's in-process KRaft broker (no Docker), or a Testcontainers broker when
 * a Docker engine is there. Includes a producer for writing records as a gateway would.
 */
public final class Kafka implements AutoCloseable {

    private final EmbeddedKafkaBroker embedded;
    private final KafkaContainer container;
    private final String bootstrap;
    private KafkaProducer<String, String> producer;

    private Kafka(EmbeddedKafkaBroker embedded, KafkaContainer container, String bootstrap) {
        this.embedded = embedded;
        this.container = container;
        this.bootstrap = bootstrap;
    }

    public static Kafka start() {
        if (Boolean.getBoolean("starling.test.docker") || dockerAvailable()) {
            KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1");
            container.start();
            return new Kafka(null, container, container.getBootstrapServers());
        }
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(0)
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(p -> {
                    p.put("group.initial.rebalance.delay.ms", "0");
                    p.put("offsets.topic.num.partitions", "1");
                    p.put("offsets.topic.replication.factor", "1");
                    p.put("transaction.state.log.replication.factor", "1");
                    p.put("transaction.state.log.min.isr", "1");
                    p.put("num.partitions", "3");
                })
                .start();
        String listeners = broker.getAdvertisedListeners();
        return new Kafka(broker, null, listeners.substring(listeners.indexOf("://") + 3));
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    /** Writes one record and waits for the broker's acknowledgement. */
    public synchronized void send(String topic, String key, String value) {
        if (producer == null) {
            Properties properties = new Properties();
            properties.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG,
                    "all"));
            producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not write to " + topic, e);
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
        }
        if (embedded != null) {
            embedded.close();
        }
        if (container != null) {
            container.stop();
        }
    }
}
