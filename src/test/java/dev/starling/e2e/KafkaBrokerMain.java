package dev.starling.e2e;

import java.util.logging.Level;
import java.util.logging.Logger;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * A single-node KRaft broker as its own process: {@code KafkaBrokerMain <port> <controllerPort> <logDir> <clusterId>}.
 * Started again with the same arguments it keeps its data, so tests can kill it and bring it back.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("kafka").setLevel(Level.WARNING);
        Logger.getLogger("org.apache.kafka").setLevel(Level.WARNING);
        Logger.getLogger("state.change.logger").setLevel(Level.WARNING);
        int port = Integer.parseInt(args[0]);
        int controllerPort = Integer.parseInt(args[1]);
        String logDir = args[2];
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(port)
                .withControllerPort(controllerPort)
                .withClusterId(args[3])
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(p -> {
                    p.put("log.dirs", logDir);
                    p.put("log.cleaner.backoff.ms", "500");
                })
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        System.out.println("KAFKA READY " + broker.getAdvertisedListeners());
        System.out.flush();
        Thread.currentThread().join();
    }
}
