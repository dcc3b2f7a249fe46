package dev.starling.gateway.cluster.kafka;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/** One in-process KRaft broker shared by the Kafka tests of a JVM, started on first use. */
final class KafkaBroker {

    private static EmbeddedKafkaBroker broker;

    private KafkaBroker() {
    }

    static synchronized String servers() {
        if (broker == null) {
            QuietKafka.apply();
            broker = start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        }
        return bootstrap(broker);
    }

    /** A broker of its own (for tests that stop it). */
    static EmbeddedKafkaBroker start() {
        return new EmbeddedKafkaBroker().withKafkaPort(0).withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(p -> {
                    p.put("group.initial.rebalance.delay.ms", "0");
                    p.put("offsets.topic.num.partitions", "1");
                    p.put("log.cleaner.backoff.ms", "100");
                }).start();
    }

    static String bootstrap(EmbeddedKafkaBroker broker) {
        return broker.getAdvertisedListeners().replaceFirst("^[A-Z]+://", "");
    }
}
