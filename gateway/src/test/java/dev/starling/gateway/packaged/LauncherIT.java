package dev.starling.gateway.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.starling.testkit.ProcessOutput;

/**
 * {@code bin/starling}, the README's start command: it runs the packaged gateway with the default JVM options of
 * {@code bin/gateway-jvm-options} (Shenandoah where the JDK has it, G1 otherwise), lets {@code STARLING_HEAP} and
 * later options override them, and the gateway serves.
 */
class LauncherIT {

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");

    @Test
    void theLauncherStartsTheGatewayWithTheDefaultJvmOptions() throws Exception {
        Path launcher = Path.of("..", "bin", "starling").toAbsolutePath().normalize();
        assertThat(Files.isExecutable(launcher)).as("bin/starling is executable").isTrue();
        List<String> command = List.of("bash", "-c",
                "JAVA_HOME=\"$1\" STARLING_HEAP=200m exec \"$2\" \"${@:3}\"", "launcher",
                System.getProperty("java.home"), launcher.toString(),
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=0",
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=0",
                "-Xms80m");
        ProcessOutput gateway = ProcessOutput.start(command, line -> {
        });
        try {
            Matcher listening = LISTENING.matcher(gateway.awaitLine(line -> LISTENING.matcher(line).find(),
                    Duration.ofSeconds(60)));
            assertThat(listening.find()).isTrue();
            List<String> arguments = List.of(gateway.process().info().arguments().orElseThrow());
            assertThat(arguments).contains("-Xmx200m", "-XX:+ExitOnOutOfMemoryError");
            String initialHeap;
            if (hasShenandoah()) {
                initialHeap = "-Xms16m";
                assertThat(arguments).contains("-XX:+UseShenandoahGC", "-XX:ShenandoahGCHeuristics=compact")
                        .doesNotContain("-XX:+UseG1GC");
            } else { // a JDK built without it (Oracle's): G1 with the measured pause goal and heap policy
                initialHeap = "-Xms64m";
                assertThat(arguments).contains("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=10", "-XX:MaxHeapFreeRatio=30")
                        .doesNotContain("-XX:+UseShenandoahGC");
            }
            // Options given to the launcher come after the defaults, so the JVM takes them.
            assertThat(arguments).contains(initialHeap);
            assertThat(arguments.lastIndexOf("-Xms80m")).isGreaterThan(arguments.indexOf(initialHeap));
            if (Runtime.version().feature() >= 25) {
                assertThat(arguments).contains("-XX:+UseCompactObjectHeaders");
            }
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + listening.group(1) + "/app/app-key")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400); // a plain GET, not an upgrade
        } finally {
            gateway.process().destroy();
            gateway.awaitExit(Duration.ofSeconds(20));
        }
    }

    /** Whether the JDK running the tests (the one the launcher is given) was built with Shenandoah. */
    private static boolean hasShenandoah() throws Exception {
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseShenandoahGC", "-version").redirectErrorStream(true).start();
        probe.getInputStream().transferTo(OutputStream.nullOutputStream());
        return probe.waitFor() == 0;
    }
}
