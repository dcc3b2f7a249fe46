package dev.starling.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How tests start the packaged gateway ({@code quarkus-run.jar}) as a child process, the way a user runs it: the
 * JVM running the tests, a small heap, both ports on loopback.
 */
public final class GatewayCommand {

    private GatewayCommand() {
    }

    /**
     * The jar named by the {@code starling.jar} system property, else {@code fallback}.
     *
     * @throws IllegalStateException if it has not been built
     */
    public static Path jar(String fallback) {
        Path jar = Path.of(System.getProperty("starling.jar", fallback));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Packaged gateway not found at " + jar.toAbsolutePath()
                    + "; build it first (mvn -DskipTests package -pl gateway -am)");
        }
        return jar;
    }

    /**
     * The command line: {@code port} and {@code managementPort} 0 let the gateway pick free ports (it prints them);
     * {@code properties} are extra JVM options such as {@code -Dstarling.gateway.…=…}.
     */
    public static List<String> of(Path jar, int port, int managementPort, List<String> properties) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPort));
        command.addAll(properties);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /**
     * {@code command} run under an open-file limit of {@code limit} (through {@code bash -c "ulimit -n …; exec …"},
     * so the process is the JVM itself and signals reach it).
     */
    public static List<String> withOpenFileLimit(List<String> command, int limit) {
        List<String> wrapped = new ArrayList<>(List.of("bash", "-c", "ulimit -n " + limit + " && exec \"$0\" \"$@\""));
        wrapped.addAll(command);
        return wrapped;
    }
}
