package dev.starling.gateway.packaged;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.starling.testkit.GatewayCommand;
import dev.starling.testkit.ProcessOutput;

/**
 * The packaged gateway ({@code target/quarkus-app/quarkus-run.jar}) started as a separate process, the way a user
 * runs it, with extra system properties. Exposes its output and the HTTP port it listens on.
 */
final class PackagedGateway implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");

    private final ProcessOutput process;

    private PackagedGateway(List<String> properties) throws IOException {
        Path jar = GatewayCommand.jar("target/quarkus-app/quarkus-run.jar");
        process = ProcessOutput.start(GatewayCommand.of(jar, 0, 0, properties), line -> {
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
