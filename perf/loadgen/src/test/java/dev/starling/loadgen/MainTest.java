package dev.starling.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheScenarios() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--connections", "--source-addresses",
                "--processes", "slow-consumer");
    }

    @Test
    void badOptionsExitWith2() {
        assertThat(run("fanout", "--rate", "fast")).isEqualTo(Main.EXIT_USAGE);
        assertThat(run("fanout", "--host", "192.0.2.1")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("loopback");
    }

    @Test
    void aServerThatIsNotThereIsAProblemNotAHang() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        assertThat(run("fanout", "--port", Integer.toString(port), "--connections", "3", "--duration", "1",
                "--connect-timeout", "5")).isEqualTo(Main.EXIT_PROBLEMS);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("result: PROBLEMS", "no connection subscribed");
    }
}
