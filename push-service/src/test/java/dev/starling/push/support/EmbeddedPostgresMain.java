package dev.starling.push.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 (the zonky binaries from Maven Central) as its own process, for running push-service locally
 * without Docker: {@code EmbeddedPostgresMain <port> <dataDir>}. Prints {@code POSTGRES READY <url>} once it accepts
 * connections (user and password {@code postgres}); a restart with the same arguments keeps the data. Stops the
 * server on SIGTERM/Ctrl-C.
 */
public final class EmbeddedPostgresMain {

    private EmbeddedPostgresMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path data = Files.createDirectories(Path.of(args[1]));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(new File(data.toFile().getParentFile(), "pg-binaries"))
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception ignored) {
                // exiting
            }
        }));
        System.out.println("POSTGRES READY postgresql://127.0.0.1:" + port + "/postgres");
        System.out.flush();
        Thread.currentThread().join();
    }
}
