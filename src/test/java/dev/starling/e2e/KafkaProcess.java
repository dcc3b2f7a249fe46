package dev.starling.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** A real Kafka broker in its own process, which tests can kill and start again on the same port and data. */
final class KafkaProcess implements AutoCloseable {

    private final int port;
    private final int controllerPort;
    private final Path logDir;
    private final String clusterId;
    private ChildProcess process;

    private KafkaProcess(Path logDir) throws IOException {
        this.port = freePort();
        this.controllerPort = freePort();
        this.logDir = logDir;
        this.clusterId = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    }

    static KafkaProcess start() throws IOException {
        KafkaProcess kafka = new KafkaProcess(Files.createTempDirectory("starling-e2e-kafka"));
        kafka.startAgain();
        return kafka;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker (again), keeping its data. */
    void startAgain() throws IOException {
        process = new ChildProcess("kafka", List.of(ChildProcess.java(), "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                KafkaBrokerMain.class.getName(), Integer.toString(port), Integer.toString(controllerPort),
                logDir.toString(), clusterId));
        process.awaitLine(line -> line.startsWith("KAFKA READY"), Duration.ofSeconds(60));
    }

    /** SIGKILL, like a crashed broker. */
    void kill() throws InterruptedException {
        process.kill();
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            process.close();
        }
        try (var files = Files.walk(logDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
