package dev.starling.testkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Starts a child process with its output (stdout and stderr) going to a file, and follows that file line by line.
 * A file, not a pipe: the JDK closes a process's pipe under a blocked reader when the process exits, losing what it
 * printed last — which is exactly what shutdown tests read.
 */
public final class ProcessOutput {

    private final Process process;
    private final Path file;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    private final Thread follower;
    private final Consumer<String> echo;

    private record Watch(Predicate<String> matches, CompletableFuture<String> found) {
    }

    private ProcessOutput(List<String> command, Consumer<String> echo) throws IOException {
        this.echo = echo;
        this.file = Files.createTempFile("starling-process", ".log");
        this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(file.toFile()).start();
        this.follower = new Thread(this::follow, "process-output-" + process.pid());
        follower.setDaemon(true);
        follower.start();
    }

    /** Starts {@code command}; every line is also passed to {@code echo} (e.g. to print it with a prefix). */
    public static ProcessOutput start(List<String> command, Consumer<String> echo) throws IOException {
        return new ProcessOutput(command, echo);
    }

    public Process process() {
        return process;
    }

    /** The lines printed so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String text() {
        return String.join("\n", lines);
    }

    /** Waits for a line (already printed or to come) that matches. */
    public String awaitLine(Predicate<String> matches, Duration timeout) {
        CompletableFuture<String> found = new CompletableFuture<>();
        watches.add(new Watch(matches, found));
        lines.stream().filter(matches).findFirst().ifPresent(found::complete);
        try {
            return found.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            List<String> all = lines();
            throw new AssertionError("Expected output not seen within " + timeout + "; last lines:\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size())), e);
        }
    }

    /** Waits for the process to exit and for its last lines to be read; returns the exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("Process still running after " + timeout + ":\n" + text());
        }
        follower.join(5000);
        return process.exitValue();
    }

    private void follow() {
        StringBuilder partial = new StringBuilder();
        byte[] buffer = new byte[8192];
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            while (true) {
                boolean exited = !process.isAlive();
                int read;
                boolean any = false;
                while ((read = in.read(buffer)) > 0) {
                    any = true;
                    partial.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                    int newline;
                    while ((newline = partial.indexOf("\n")) >= 0) {
                        line(partial.substring(0, newline));
                        partial.delete(0, newline + 1);
                    }
                }
                if (exited) {
                    if (!partial.isEmpty()) {
                        line(partial.toString());
                    }
                    break;
                }
                if (!any) {
                    Thread.sleep(20);
                }
            }
        } catch (IOException | InterruptedException e) {
            // the test is over
        } finally {
            watches.forEach(w -> w.found.completeExceptionally(new IllegalStateException("process exited")));
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }

    private void line(String line) {
        lines.add(line);
        echo.accept(line);
        for (Watch watch : watches) {
            if (!watch.found.isDone() && watch.matches.test(line)) {
                watch.found.complete(line);
            }
        }
    }
}
