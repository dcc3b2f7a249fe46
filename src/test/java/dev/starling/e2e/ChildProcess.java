package dev.starling.e2e;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.starling.testkit.ProcessOutput;

/**
 * A JVM started as a child process; its output is collected and echoed with a prefix (unless
 * {@code STARLING_E2E_QUIET} is set), so a CI log shows what each process did.
 */
class ChildProcess implements AutoCloseable {

    private final String name;
    private final ProcessOutput output;

    ChildProcess(String name, List<String> command) throws IOException {
        this.name = name;
        boolean quiet = System.getenv("STARLING_E2E_QUIET") != null;
        this.output = ProcessOutput.start(command, line -> {
            if (!quiet) {
                System.out.println("[" + name + "] " + line);
            }
        });
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Waits for a line of output (past or future) that matches. */
    String awaitLine(Function<String, Boolean> matches, Duration timeout) {
        try {
            return output.awaitLine(matches::apply, timeout);
        } catch (AssertionError e) {
            throw new AssertionError(name + ": " + e.getMessage(), e);
        }
    }

    List<String> output() {
        return output.lines();
    }

    long pid() {
        return output.process().pid();
    }

    boolean isAlive() {
        return output.process().isAlive();
    }

    /** SIGKILL: no shutdown hooks, no goodbye. */
    void kill() throws InterruptedException {
        output.process().destroyForcibly();
        output.process().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM and wait for the exit; returns the exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        output.process().destroy();
        return output.awaitExit(timeout);
    }

    @Override
    public void close() throws InterruptedException {
        Process process = output.process();
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
