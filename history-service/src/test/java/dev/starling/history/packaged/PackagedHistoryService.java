package dev.starling.history.packaged;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.starling.history.support.Backends;
import dev.starling.testkit.HistoryServiceCommand;
import dev.starling.testkit.ProcessOutput;

import static org.awaitility.Awaitility.await;

/** The packaged history-service started as a child process with {@link HistoryServiceCommand}, as the e2e tests do. */
final class PackagedHistoryService implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile(
            "Listening on: http://[^:]+:(\\d+)\\. Management interface listening on http://[^:]+:(\\d+)");

    private final ProcessOutput process;
    private final int port;
    private final int managementPort;

    private PackagedHistoryService(List<String> properties) throws IOException {
        Path jar = HistoryServiceCommand.jar("target/quarkus-app/quarkus-run.jar");
        Backends backends = Backends.shared();
        HistoryServiceCommand.Backends to = new HistoryServiceCommand.Backends(backends.kafka().bootstrapServers(),
                backends.postgres().jdbcUrl(), backends.postgres().reactiveUrl(), backends.postgres().user(),
                backends.postgres().password());
        boolean quiet = System.getenv("STARLING_E2E_QUIET") != null;
        process = ProcessOutput.start(HistoryServiceCommand.of(jar, 0, 0, to, properties), line -> {
            if (!quiet) {
                System.out.println("[history] " + line);
            }
        });
        Matcher matcher = LISTENING.matcher(process.awaitLine(line -> LISTENING.matcher(line).find(),
                Duration.ofSeconds(90)));
        if (!matcher.find()) {
            throw new IllegalStateException("no ports");
        }
        port = Integer.parseInt(matcher.group(1));
        managementPort = Integer.parseInt(matcher.group(2));
        await().atMost(Duration.ofSeconds(60)).until(() -> get(managementPort, "/q/health/ready").statusCode() == 200);
    }

    static PackagedHistoryService start(String... properties) throws IOException {
        return new PackagedHistoryService(List.of(properties));
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    String metrics() {
        return get(managementPort, "/metrics").body();
    }

    /** A counter's value from the Prometheus text, summed over its series. */
    double counter(String name) {
        return metrics().lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    int health(String path) {
        return get(managementPort, path).statusCode();
    }

    /** SIGKILL: no shutdown, no final commit. */
    void kill() throws InterruptedException {
        process.process().destroyForcibly();
        process.process().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM and wait; returns the exit code. */
    int terminate() throws InterruptedException {
        process.process().destroy();
        return process.awaitExit(Duration.ofSeconds(30));
    }

    String output() {
        return process.text();
    }

    @Override
    public void close() throws InterruptedException {
        Process p = process.process();
        if (p.isAlive()) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static HttpResponse<String> get(int port, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + " on " + port + " failed: " + e, e);
        }
    }
}
