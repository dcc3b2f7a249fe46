package dev.starling.loadgen.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads a server process's resident memory and CPU time from {@code /proc/<pid>} (Linux). Works for any server
 * process, JVM or not; {@link #gc()} additionally asks a JVM to collect (via {@code jcmd}) so that the heap figures
 * that follow are after-GC figures.
 */
public final class ProcessProbe {

    /** A point-in-time reading; {@code rssBytes} or {@code cpuSeconds} are -1 when unreadable. */
    public record Sample(long nanos, long rssBytes, double cpuSeconds) {
    }

    private final long pid;
    private final long ticksPerSecond;

    public ProcessProbe(long pid) {
        this.pid = pid;
        this.ticksPerSecond = clockTicks();
    }

    public long pid() {
        return pid;
    }

    public Sample sample() {
        return new Sample(System.nanoTime(), rssBytes(), cpuSeconds());
    }

    public boolean alive() {
        return Files.exists(Path.of("/proc/" + pid));
    }

    /** {@code VmRSS} of {@code /proc/<pid>/status} in bytes, or -1. */
    public long rssBytes() {
        try {
            return parseRss(Files.readString(Path.of("/proc/" + pid + "/status")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long parseRss(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        return -1;
    }

    /** User + system CPU time of the process (all threads) from {@code /proc/<pid>/stat}, or -1. */
    public double cpuSeconds() {
        try {
            return parseCpuTicks(Files.readString(Path.of("/proc/" + pid + "/stat"))) / (double) ticksPerSecond;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime: fields 14 and 15, counted after the command name, which may contain spaces. */
    static long parseCpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Runs {@code jcmd <pid> GC.run} (JVM servers only); false if that did not work. */
    public boolean gc() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long clockTicks() {
        try {
            Process process = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            process.waitFor(5, TimeUnit.SECONDS);
            return Optional.of(out).filter(s -> s.matches("\\d+")).map(Long::parseLong).orElse(100L);
        } catch (IOException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
