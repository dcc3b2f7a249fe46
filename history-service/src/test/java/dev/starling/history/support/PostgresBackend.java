package dev.starling.history.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.starling.testkit.EmbeddedPostgresServer;

/**
 * A real PostgreSQL for the tests: a Testcontainers server when Docker is there, else the embedded PostgreSQL 17 of
 * the testkit. Both can be taken away and brought back with their data ({@link #stop()}, {@link #startAgain()}).
 */
public interface PostgresBackend extends AutoCloseable {

    String jdbcUrl();

    String reactiveUrl();

    String user();

    String password();

    /** Makes PostgreSQL unreachable (the embedded server is stopped; a container is paused). */
    void stop();

    /** Brings it back, same address, same data. */
    void startAgain();

    @Override
    void close();

    default Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), password());
    }

    static PostgresBackend start(boolean docker) {
        return docker ? new Container() : new Embedded();
    }

    final class Embedded implements PostgresBackend {

        private final EmbeddedPostgresServer server = EmbeddedPostgresServer.start();

        @Override
        public String jdbcUrl() {
            return server.jdbcUrl(EmbeddedPostgresServer.DATABASE);
        }

        @Override
        public String reactiveUrl() {
            return server.reactiveUrl(EmbeddedPostgresServer.DATABASE);
        }

        @Override
        public String user() {
            return EmbeddedPostgresServer.USER;
        }

        @Override
        public String password() {
            return "";
        }

        @Override
        public void stop() {
            server.stop();
        }

        @Override
        public void startAgain() {
            server.startAgain();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    final class Container implements PostgresBackend {

        private final PostgreSQLContainer container;

        Container() {
            container = new PostgreSQLContainer("postgres:17");
            container.start();
        }

        @Override
        public String jdbcUrl() {
            return container.getJdbcUrl();
        }

        @Override
        public String reactiveUrl() {
            return container.getJdbcUrl().replaceFirst("^jdbc:", "");
        }

        @Override
        public String user() {
            return container.getUsername();
        }

        @Override
        public String password() {
            return container.getPassword();
        }

        @Override
        public void stop() {
            container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
        }

        @Override
        public void startAgain() {
            container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
        }

        @Override
        public void close() {
            container.stop();
        }
    }
}
