package dev.starling.loadgen.it;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.starling.testkit.GatewayCommand;

/**
 * The packaged gateway ({@code gateway/target/quarkus-app/quarkus-run.jar}, path in the {@code starling.jar} system
 * property) as a child process on random loopback ports, the way the loadgen meets it in a benchmark.
 */
final class GatewayProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile(
            "Listening on: http://[^:]+:(\\d+)\\. Management interface listening on http://[^:]+:(\\d+)");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<int[]> ports = new CompletableFuture<>();

    private GatewayProcess(List<String> properties) throws IOException {
        Path jar = GatewayCommand.jar("../../gateway/target/quarkus-app/quarkus-run.jar");
        process = new ProcessBuilder(GatewayCommand.of(jar, 0, 0, properties)).redirectErrorStream(true).start();
        Thread reader = new Thread(this::read, "gateway-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    ports.complete(new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))});
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
        ports.completeExceptionally(new IllegalStateException("Gateway exited without listening:\n" + output()));
    }

    static GatewayProcess start(String... properties) throws Exception {
        GatewayProcess gateway = new GatewayProcess(List.of(properties));
        gateway.ports.get(60, TimeUnit.SECONDS);
        return gateway;
    }

    int port() {
        return ports.join()[0];
    }

    int managementPort() {
        return ports.join()[1];
    }

    long pid() {
        return process.pid();
    }

    String metricsUrl() {
        return "http://127.0.0.1:" + managementPort() + "/metrics";
    }

    /** Waits until the readiness check passes (in kafka mode: the bus is connected). */
    GatewayProcess awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        URI ready = URI.create("http://127.0.0.1:" + managementPort() + "/q/health/ready");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try {
                return http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return this;
    }

    String output() {
        return String.join("\n", output);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
