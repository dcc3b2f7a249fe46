package dev.starling.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.starling.loadgen.group.ChildMain;
import dev.starling.loadgen.report.Json;
import dev.starling.loadgen.report.MachineInfo;
import dev.starling.loadgen.report.RunReport;
import dev.starling.loadgen.report.RunResults;
import dev.starling.loadgen.report.Summary;
import dev.starling.loadgen.run.Runner;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code java -jar starling-loadgen.jar <scenario> [options]}: parses the options, runs the scenario within its time
 * bound, writes the JSON record and prints the summary. {@code … child} is the internal entry point of subscriber
 * child processes ({@code --processes}).
 */
public final class Main {

    public static final String CHILD_COMMAND = "child";
    public static final String TOOL = "starling-loadgen 0.1.0";

    public static final int EXIT_CLEAN = 0;
    public static final int EXIT_PROBLEMS = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_ABORTED = 3;

    private Main() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && CHILD_COMMAND.equals(args[0])) {
            PrintStream replies = System.out;
            System.setOut(System.err); // nothing but replies on the protocol stream
            System.exit(ChildMain.run(System.in, replies));
        }
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; {@code out} gets the summary, {@code err} progress and errors. Returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        LoadOptions options = new LoadOptions();
        CommandLine commandLine = new CommandLine(options);
        try {
            commandLine.parseArgs(args);
        } catch (ParameterException e) {
            err.println("starling-loadgen: " + e.getMessage());
            commandLine.usage(err);
            return EXIT_USAGE;
        }
        if (commandLine.isUsageHelpRequested()) {
            commandLine.usage(out);
            return EXIT_CLEAN;
        }
        if (commandLine.isVersionHelpRequested()) {
            out.println(TOOL);
            return EXIT_CLEAN;
        }
        RunConfig config;
        try {
            config = options.toConfig();
        } catch (IllegalArgumentException e) {
            err.println("starling-loadgen: " + e.getMessage());
            return EXIT_USAGE;
        }
        return execute(config, out, err);
    }

    /** Runs a resolved configuration, aborting (exit 3) after {@code maxRuntimeSeconds}. */
    public static int execute(RunConfig config, PrintStream out, PrintStream err) {
        Instant started = Instant.now();
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "loadgen-run");
            thread.setDaemon(true);
            return thread;
        });
        Future<RunResults> run = runner.submit(() -> Runner.run(config, err));
        RunResults results;
        try {
            results = run.get(RunConfig.millis(config.maxRuntimeSeconds()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            run.cancel(true);
            err.printf("starling-loadgen: aborted after %.0f s (--max-runtime)%n", config.maxRuntimeSeconds());
            return EXIT_ABORTED;
        } catch (ExecutionException e) {
            err.println("starling-loadgen: run failed: " + e.getCause());
            e.getCause().printStackTrace(err);
            return EXIT_ABORTED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.cancel(true);
            return EXIT_ABORTED;
        } finally {
            runner.shutdown();
        }
        Instant finished = Instant.now();
        RunReport report = new RunReport(TOOL, config.scenario().cliName(), config, MachineInfo.current(),
                started.toString(), finished.toString(),
                Math.round((finished.toEpochMilli() - started.toEpochMilli()) / 100.0) / 10.0,
                results.problems().isEmpty(), results);
        if (config.json() != null) {
            try {
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(Path.of(config.json()).toFile(), report);
            } catch (IOException e) {
                err.println("starling-loadgen: cannot write " + config.json() + ": " + e.getMessage());
                return EXIT_ABORTED;
            }
        }
        Summary.print(report, out);
        return report.ok() ? EXIT_CLEAN : EXIT_PROBLEMS;
    }

    /** This JVM's options, passed on to child processes (debugger and agent options left out). */
    static List<String> currentJvmArgs() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent") && !a.startsWith("-Xdebug")
                        && !a.startsWith("-Xrunjdwp"))
                .toList();
    }
}
