package dev.starling.push.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.starling.testkit.ProcessOutput;

/**
 * The packaged push-service ({@code target/quarkus-app/quarkus-run.jar}) as a child process, started the way an
 * operator runs it: the JVM running the tests, a small heap, both ports on loopback, settings as system properties.
 * Its output is echoed with a prefix (unless {@code STARLING_TEST_QUIET} is set).
 */
public final class PushProcess implements AutoCloseable {

    private final ProcessOutput output;
    private final int port;
    private final int managementPort;

    private PushProcess(Map<String, String> properties) throws IOException {
        Path jar = Path.of(System.getProperty("starling.push.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Packaged push-service not found at " + jar.toAbsolutePath()
                    + "; build it first (mvn -DskipTests package -f push-service/pom.xml)");
        }
        port = freePort();
        managementPort = freePort();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPort));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        boolean quiet = System.getenv("STARLING_TEST_QUIET") != null;
        output = ProcessOutput.start(command, line -> {
            if (!quiet) {
                System.out.println("[push-service] " + line);
            }
        });
        // Never leave the service running when the JVM that started it ends without close().
        Runtime.getRuntime().addShutdownHook(new Thread(() -> output.process().destroyForcibly()));
    }

    /** Starts the service and waits until it is ready (schema migrated, consumers polling in cluster mode). */
    public static PushProcess start(Map<String, String> properties) throws IOException {
        PushProcess process = new PushProcess(properties);
        process.output.awaitLine(line -> line.contains("Listening on"), Duration.ofSeconds(90));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> process.management().get("/q/health/ready").status() == 200);
        return process;
    }

    public Api api() {
        return new Api("http://127.0.0.1:" + port);
    }

    public Api management() {
        return new Api("http://127.0.0.1:" + managementPort);
    }

    public String output() {
        return output.text();
    }

    /** SIGKILL: no shutdown hooks, leases left behind, nothing flushed. */
    public void kill() throws InterruptedException {
        output.process().destroyForcibly();
        output.process().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        Process process = output.process();
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
