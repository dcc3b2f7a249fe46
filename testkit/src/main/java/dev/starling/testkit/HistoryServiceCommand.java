package dev.starling.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How tests start the packaged history-service ({@code history-service/target/quarkus-app/quarkus-run.jar}) as a
 * child process, the way an operator runs it: the JVM running the tests, a small heap, both ports on loopback, Kafka
 * and PostgreSQL given explicitly. Start it with {@link ProcessOutput#start}; it prints {@code Listening on:
 * http://127.0.0.1:PORT} and its readiness ({@code /q/health/ready} on the management port) goes up once
 * PostgreSQL is migrated and Kafka is reachable.
 */
public final class HistoryServiceCommand {

    /** The system property naming the jar. */
    public static final String JAR_PROPERTY = "starling.history.jar";

    private HistoryServiceCommand() {
    }

    /** Where history-service reads and writes: Kafka's bootstrap servers and one PostgreSQL database. */
    public record Backends(String kafkaBootstrapServers, String jdbcUrl, String reactiveUrl, String user,
            String password) {

        /** A database of an {@link EmbeddedPostgresServer} and a Kafka broker. */
        public static Backends of(String kafkaBootstrapServers, EmbeddedPostgresServer postgres, String database) {
            return new Backends(kafkaBootstrapServers, postgres.jdbcUrl(database), postgres.reactiveUrl(database),
                    EmbeddedPostgresServer.USER, "");
        }
    }

    /**
     * The jar named by the {@value #JAR_PROPERTY} system property, else {@code fallback}.
     *
     * @throws IllegalStateException if it has not been built
     */
    public static Path jar(String fallback) {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, fallback));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Packaged history-service not found at " + jar.toAbsolutePath()
                    + "; build it first (mvn -DskipTests package -f history-service/pom.xml)");
        }
        return jar;
    }

    /**
     * The command line: {@code port} and {@code managementPort} 0 let it pick free ports (it prints them);
     * {@code properties} are extra JVM options such as {@code -Dstarling.history.retention.max-age=1h}.
     */
    public static List<String> of(Path jar, int port, int managementPort, Backends backends, List<String> properties) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPort,
                "-Dstarling.history.kafka.bootstrap-servers=" + backends.kafkaBootstrapServers(),
                "-Dquarkus.datasource.jdbc.url=" + backends.jdbcUrl(),
                "-Dquarkus.datasource.reactive.url=" + backends.reactiveUrl(),
                "-Dquarkus.datasource.username=" + backends.user(),
                "-Dquarkus.datasource.password=" + backends.password()));
        command.addAll(properties);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }
}
