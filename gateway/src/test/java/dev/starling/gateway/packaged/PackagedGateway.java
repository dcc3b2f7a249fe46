package dev.starling.gateway.packaged;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.starling.testkit.ProcessOutput;

/**
 * The packaged gateway ({@code target/quarkus-app/quarkus-run.jar}) started as a separate process, the way a user
 * runs it, with extra system properties. Exposes its output and the HTTP port it listens on.
 */
final class PackagedGateway implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");

    private final ProcessOutput process;

    private PackagedGateway(List<String> properties) throws IOException {
        Path jar = Path.of(System.getProperty("starling.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Packaged gateway not found at " + jar.toAbsolutePath() + "; run mvn verify");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx256m");
        command.add("-Dquarkus.http.port=0");
        command.add("-Dquarkus.management.port=0");
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.management.host=127.0.0.1");
        command.addAll(properties);
        command.add("-jar");
        command.add(jar.toString());
        process = ProcessOutput.start(command, line -> {
        });
    }

    static PackagedGateway start(String... properties) throws IOException {
        return new PackagedGateway(List.of(properties));
    }

    /** The HTTP/WebSocket port, once the gateway listens. */
    int port() {
        Matcher matcher = LISTENING.matcher(process.awaitLine(line -> LISTENING.matcher(line).find(),
                Duration.ofSeconds(60)));
        if (!matcher.find()) {
            throw new IllegalStateException("no port");
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** Waits for the process to end and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        return process.awaitExit(timeout);
    }

    /** SIGTERM, then waits for the exit; returns the exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        process.process().destroy();
        return process.awaitExit(timeout);
    }

    String output() {
        return process.text();
    }

    @Override
    public void close() throws InterruptedException {
        Process p = process.process();
        p.destroy();
        if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }
}
