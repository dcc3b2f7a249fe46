package dev.starling.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.starling.testkit.HistoryServiceCommand;

/** history-service started from its packaged jar, on fixed ports so that a restart is found at the same address. */
final class HistoryServiceProcess implements AutoCloseable {

    private final int port;
    private final int managementPort;
    private final List<String> command;
    private ChildProcess process;

    HistoryServiceProcess(HistoryServiceCommand.Backends backends, List<String> properties) throws IOException {
        this.port = KafkaProcess.freePort();
        this.managementPort = KafkaProcess.freePort();
        Path jar = HistoryServiceCommand.jar("history-service/target/quarkus-app/quarkus-run.jar");
        this.command = HistoryServiceCommand.of(jar, port, managementPort, backends, properties);
    }

    /** Starts (or starts again) and waits until it reports ready. */
    HistoryServiceProcess start() throws IOException {
        process = new ChildProcess("history", command);
        process.awaitLine(line -> line.contains("Listening on"), Duration.ofSeconds(90));
        await().atMost(Duration.ofSeconds(60)).until(() -> health() == 200);
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int health() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + managementPort + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** SIGKILL: no shutdown, no commit of anything in flight. */
    void kill() throws InterruptedException {
        process.kill();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.close();
        }
    }
}
