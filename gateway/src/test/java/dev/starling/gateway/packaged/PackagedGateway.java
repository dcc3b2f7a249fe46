package dev.starling.gateway.packaged;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged gateway ({@code target/quarkus-app/quarkus-run.jar}) started as a separate process, the way a user
 * runs it, with extra system properties. Collects its output; exposes the HTTP port it listens on.
 */
final class PackagedGateway implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

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
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        port.complete(Integer.parseInt(matcher.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
            port.completeExceptionally(new IllegalStateException("Gateway exited without listening:\n" + output()));
        }, "packaged-gateway-output");
        reader.setDaemon(true);
        reader.start();
    }

    static PackagedGateway start(String... properties) throws IOException {
        return new PackagedGateway(List.of(properties));
    }

    /** The HTTP/WebSocket port, once the gateway listens. */
    int port() throws Exception {
        return port.get(60, TimeUnit.SECONDS);
    }

    /** Waits for the process to end and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("Gateway still running after " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    String output() {
        return String.join("\n", output);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
