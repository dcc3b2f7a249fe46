package dev.starling.gateway.cluster.kafka;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Keeps an in-process broker's INFO chatter out of the test output (it sets its loggers up after ours). */
final class QuietKafka {

    private static final List<Logger> QUIETED = List.of(Logger.getLogger("kafka"), Logger.getLogger("org.apache.kafka"),
            Logger.getLogger("state.change.logger"));

    private QuietKafka() {
    }

    static void apply() {
        QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
    }
}
