package dev.starling.push.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for the tests: a Testcontainers container when a Docker engine is there, else PostgreSQL 17
 * from the zonky binaries (no Docker needed). Stopped by {@link #close()} and, should a test forget, by a shutdown
 * hook (a {@code kill -9} of the test JVM would orphan the embedded server).
 */
public final class Postgres implements AutoCloseable {

    private final EmbeddedPostgres embedded;
    private final PostgreSQLContainer container;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String database;
    private final Thread hook = new Thread(this::stopQuietly, "postgres-stop");

    private Postgres(EmbeddedPostgres embedded, PostgreSQLContainer container) {
        this.embedded = embedded;
        this.container = container;
        if (container != null) {
            host = container.getHost();
            port = container.getMappedPort(5432);
            user = container.getUsername();
            password = container.getPassword();
            database = container.getDatabaseName();
        } else {
            host = "127.0.0.1";
            port = embedded.getPort();
            user = "postgres";
            password = "postgres";
            database = "postgres";
        }
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public static Postgres start() {
        if (Boolean.getBoolean("starling.test.docker") || dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            return new Postgres(null, container);
        }
        try {
            Path dir = Files.createDirectories(Path.of("target", "embedded-pg"));
            Path data = Files.createTempDirectory(dir, "data-");
            EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(new File(dir.toFile(), "work"))
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    .setPort(freePort())
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new Postgres(embedded, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    /** {@code postgresql://host:port/db}, the form {@code starling.push.db.url} takes. */
    public String url() {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Runs SQL over JDBC (test setup and checks). */
    public void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The single number a query answers, e.g. {@code SELECT count(*) FROM push_publish}. */
    public long count(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The single text a query answers. */
    public String querySingle(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:" + url(), user, password);
    }

    /** Drops and recreates the public schema (a fresh database for a process test). */
    public void reset() {
        execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // shutting down already
        }
    }

    private synchronized void stopQuietly() {
        try {
            if (embedded != null) {
                embedded.close();
            }
            if (container != null) {
                container.stop();
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort at shutdown
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
