package dev.starling.history.support;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.testcontainers.kafka.KafkaContainer;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/** A real Kafka broker for the tests: a Testcontainers broker when Docker is there, else an in-process KRaft broker. */
public interface KafkaBackend extends AutoCloseable {

    String bootstrapServers();

    @Override
    void close();

    static KafkaBackend start(boolean docker) {
        return docker ? new Container() : new Embedded();
    }

    /** SmallRye's in-process KRaft broker (kafka_2.13 of the BOM), random port. */
    final class Embedded implements KafkaBackend {

        private static final List<Logger> QUIETED = List.of(Logger.getLogger("kafka"),
                Logger.getLogger("org.apache.kafka"), Logger.getLogger("state.change.logger"));
        private final EmbeddedKafkaBroker broker;

        Embedded() {
            QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
            broker = new EmbeddedKafkaBroker().withKafkaPort(0).withDeleteLogDirsOnClose(true)
                    .withAdditionalProperties(p -> {
                        p.put("group.initial.rebalance.delay.ms", "0");
                        p.put("offsets.topic.num.partitions", "1");
                        p.put("auto.create.topics.enable", "false");
                    }).start();
        }

        @Override
        public String bootstrapServers() {
            return broker.getAdvertisedListeners().replaceFirst("^[A-Z]+://", "");
        }

        @Override
        public void close() {
            broker.close();
        }
    }

    /** Apache Kafka in a container (KRaft), same major version as the clients. */
    final class Container implements KafkaBackend {

        private final KafkaContainer container;

        Container() {
            container = new KafkaContainer("apache/kafka:4.1.1")
                    .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                    .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
            container.start();
        }

        @Override
        public String bootstrapServers() {
            return container.getBootstrapServers();
        }

        @Override
        public void close() {
            container.stop();
        }
    }
}
