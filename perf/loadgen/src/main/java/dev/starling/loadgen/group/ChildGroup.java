package dev.starling.loadgen.group;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import dev.starling.loadgen.Main;
import dev.starling.loadgen.client.SubscriberSpec;
import dev.starling.loadgen.group.ChildProtocol.Command;
import dev.starling.loadgen.group.ChildProtocol.Reply;
import dev.starling.loadgen.report.Json;

/**
 * Subscribers in a child JVM ({@code java … dev.starling.loadgen.Main child}), started from the same class path.
 * One process holds fewer than 20000 sockets here (the open-file limit), so larger populations are spread over
 * several children.
 */
public final class ChildGroup implements SubscriberGroup {

    private final int id;
    private final Process process;
    private final Writer stdin;
    private final Queue<CompletableFuture<Reply>> pending = new ConcurrentLinkedQueue<>();
    private final PrintStream log;
    private volatile String exit;

    private ChildGroup(int id, SubscriberSpec spec, List<String> jvmArgs, PrintStream log) throws IOException {
        this.id = id;
        this.log = log;
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.add(Main.CHILD_COMMAND);
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readReplies, "loadgen-child-" + id);
        reader.setDaemon(true);
        reader.start();
        send(Command.spec(spec));
    }

    public static ChildGroup start(int id, SubscriberSpec spec, List<String> jvmArgs, PrintStream log)
            throws IOException {
        return new ChildGroup(id, spec, jvmArgs, log);
    }

    @Override
    public CompletableFuture<ConnectReport> connect(int from, int count) {
        return request(Command.connect(from, count)).thenApply(Reply::connect);
    }

    @Override
    public void beginPhase(PhaseStart start) {
        send(Command.phase(start));
    }

    @Override
    public CompletableFuture<GroupReport> stats() {
        return request(Command.stats()).thenApply(Reply::report);
    }

    @Override
    public CompletableFuture<GroupReport> finish() {
        return request(Command.finish()).thenApply(Reply::report);
    }

    private CompletableFuture<Reply> request(Command command) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        pending.add(reply);
        send(command);
        if (exit != null) {
            failPending();
        }
        return reply;
    }

    private synchronized void send(Command command) {
        try {
            stdin.write(Json.MAPPER.writeValueAsString(command));
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            exit = "child " + id + " does not accept commands: " + e.getMessage();
            failPending();
        }
    }

    private void readReplies() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.startsWith(ChildProtocol.PREFIX)) {
                    log.println("[child " + id + "] " + line);
                    continue;
                }
                Reply reply = Json.MAPPER.readValue(line.substring(ChildProtocol.PREFIX.length()), Reply.class);
                CompletableFuture<Reply> waiting = pending.poll();
                if (waiting == null) {
                    log.println("[child " + id + "] unexpected reply: " + line);
                } else if ("error".equals(reply.type())) {
                    waiting.completeExceptionally(new IllegalStateException("child " + id + ": " + reply.error()));
                } else {
                    waiting.complete(reply);
                }
            }
        } catch (IOException e) {
            log.println("[child " + id + "] " + e.getMessage());
        }
        try {
            exit = "child " + id + " exited with code " + process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = "child " + id + " lost";
        }
        failPending();
    }

    private void failPending() {
        CompletableFuture<Reply> waiting;
        while ((waiting = pending.poll()) != null) {
            waiting.completeExceptionally(new IllegalStateException(exit));
        }
    }

    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // the child is gone already
        }
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
