package dev.starling.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.starling.testkit.GatewayCommand;

import static org.awaitility.Awaitility.await;

/** A gateway started from the packaged application, in Kafka cluster mode, as an operator runs it. */
final class GatewayProcess implements AutoCloseable {

    private final String nodeId;
    private final int port;
    private final int managementPort;
    private final ChildProcess process;

    private GatewayProcess(String nodeId, List<String> properties, int openFileLimit) throws IOException {
        this.nodeId = nodeId;
        this.port = KafkaProcess.freePort();
        this.managementPort = KafkaProcess.freePort();
        Path jar = GatewayCommand.jar("gateway/target/quarkus-app/quarkus-run.jar");
        List<String> options = new ArrayList<>(properties);
        options.add(0, "-Dstarling.gateway.node-id=" + nodeId);
        List<String> command = GatewayCommand.of(jar, port, managementPort, options);
        this.process = new ChildProcess(nodeId, openFileLimit > 0
                ? GatewayCommand.withOpenFileLimit(command, openFileLimit) : command);
    }

    /** Starts a gateway and waits until it reports ready (cluster state read, Kafka reachable). */
    static GatewayProcess start(String nodeId, List<String> properties) throws IOException {
        return start(nodeId, properties, 0);
    }

    /** Starts a gateway under an open-file limit ({@code ulimit -n}; 0 keeps the inherited one). */
    static GatewayProcess start(String nodeId, List<String> properties, int openFileLimit) throws IOException {
        GatewayProcess gateway = new GatewayProcess(nodeId, properties, openFileLimit);
        gateway.awaitReady();
        return gateway;
    }

    /** The process id (the JVM itself, also when started under an open-file limit). */
    long pid() {
        return process.pid();
    }

    void awaitReady() {
        process.awaitLine(line -> line.contains("Listening on"), Duration.ofSeconds(90));
        await().atMost(Duration.ofSeconds(60)).until(() -> health("/q/health/ready") == 200);
    }

    int health(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                    + path)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** The body of a management-port endpoint such as {@code /metrics}. */
    String management(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                    + path)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new AssertionError("GET " + path + " on the management port failed", e);
        }
    }

    /** The value of one Prometheus series on {@code /metrics}, 0 when absent. */
    double metric(String series) {
        for (String line : management("/metrics").split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    String nodeId() {
        return nodeId;
    }

    int port() {
        return port;
    }

    ChildProcess process() {
        return process;
    }

    void kill() throws InterruptedException {
        process.kill();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
