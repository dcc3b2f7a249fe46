package dev.starling.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs an {@link EmbeddedPostgresServer} as a process of its own (the local cluster script, tests that kill it):
 * {@code java -cp … dev.starling.testkit.EmbeddedPostgresMain PORT DIRECTORY [DATABASE …]} (the databases are
 * created if missing). Prints {@code POSTGRES READY
 * postgresql://127.0.0.1:PORT/postgres} once it accepts connections, then runs until it is stopped (SIGTERM or
 * SIGINT stops PostgreSQL too; SIGKILL leaves the server running, as for any child process).
 */
public final class EmbeddedPostgresMain {

    private EmbeddedPostgresMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: EmbeddedPostgresMain PORT DIRECTORY [DATABASE …]");
            System.exit(2);
        }
        Path directory = Files.createDirectories(Path.of(args[1]));
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(Integer.parseInt(args[0]), directory, Map.of());
        for (int i = 2; i < args.length; i++) {
            try {
                postgres.createDatabase(args[i]); // one per service: each has its own schema history
            } catch (RuntimeException e) {
                if (!String.valueOf(e.getMessage()).contains("already exists")) {
                    throw e;
                }
            }
        }
        System.out.println("POSTGRES READY " + postgres.reactiveUrl(EmbeddedPostgresServer.DATABASE));
        System.out.flush();
        Thread.currentThread().join();
    }
}
