package dev.starling.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** push-service started from its packaged jar, in cluster mode, on fixed ports. */
final class PushServiceProcess implements AutoCloseable {

    private final int port;
    private final int managementPort;
    private final ChildProcess process;

    private PushServiceProcess(Map<String, String> properties) throws IOException {
        Path jar = Path.of(System.getProperty("starling.push.jar", "push-service/target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Packaged push-service not found at " + jar.toAbsolutePath());
        }
        port = KafkaProcess.freePort();
        managementPort = KafkaProcess.freePort();
        List<String> command = new ArrayList<>(List.of(ChildProcess.java(), "-Xmx256m", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPort));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        process = new ChildProcess("push", command);
    }

    /** Starts it and waits until it is ready (schema migrated, consumers polling). */
    static PushServiceProcess start(Map<String, String> properties) throws IOException {
        PushServiceProcess push = new PushServiceProcess(properties);
        push.process.awaitLine(line -> line.contains("Listening on"), Duration.ofSeconds(90));
        await().atMost(Duration.ofSeconds(60)).until(() -> push.ready() == 200);
        return push;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    private int ready() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + managementPort + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
