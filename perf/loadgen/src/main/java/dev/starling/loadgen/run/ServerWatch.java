package dev.starling.loadgen.run;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.starling.loadgen.RunConfig;
import dev.starling.loadgen.report.PhaseResult.ServerSpan;
import dev.starling.loadgen.server.MetricsScraper;
import dev.starling.loadgen.server.ProcessProbe;

/**
 * The server as seen from outside: its process ({@code --server-pid}: RSS, CPU, sampled every 250 ms for the
 * maximum) and its metrics endpoint ({@code --metrics-url}). Both optional; without them the fields stay empty.
 */
final class ServerWatch implements AutoCloseable {

    private static final int SETTLE_POLLS = 20;
    private static final long SETTLE_POLL_MILLIS = 500;
    private static final long SETTLED_BYTES = 1 << 20;

    private final ProcessProbe probe;
    private final MetricsScraper metrics;
    private final boolean gcBeforeSamples;
    private final AtomicLong maxRss = new AtomicLong(-1);
    private final ScheduledExecutorService sampler;

    ServerWatch(RunConfig config) {
        probe = config.serverPid() == null ? null : new ProcessProbe(config.serverPid());
        metrics = config.metricsUrl() == null ? null : new MetricsScraper(config.metricsUrl());
        gcBeforeSamples = config.serverGc();
        if (probe != null) {
            sampler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "loadgen-server-sampler");
                thread.setDaemon(true);
                return thread;
            });
            sampler.scheduleAtFixedRate(() -> maxRss.accumulateAndGet(probe.rssBytes(), Math::max), 0, 250,
                    TimeUnit.MILLISECONDS);
        } else {
            sampler = null;
        }
    }

    Long pid() {
        return probe == null ? null : probe.pid();
    }

    /** Current reading, or {@code null} without --server-pid. */
    ProcessProbe.Sample sample() {
        return probe == null ? null : probe.sample();
    }

    /**
     * Runs a GC in the server first when --server-gc was given, then waits until the RSS stops falling: a JVM returns
     * the memory freed by the collection to the system in the background, a fraction of a second later.
     */
    ProcessProbe.Sample memorySample() throws InterruptedException {
        if (probe == null || !gcBeforeSamples) {
            return sample();
        }
        probe.gc();
        ProcessProbe.Sample previous = sample();
        for (int i = 0; i < SETTLE_POLLS; i++) {
            Thread.sleep(SETTLE_POLL_MILLIS); // polling the process from outside: nothing to wait on
            ProcessProbe.Sample next = sample();
            if (settled(previous.rssBytes(), next.rssBytes())) {
                return next;
            }
            previous = next;
        }
        return previous;
    }

    /** Two readings a poll apart that differ by less than 1 MB (or unreadable ones) count as settled. */
    static boolean settled(long before, long after) {
        return before < 0 || after < 0 || Math.abs(before - after) < SETTLED_BYTES;
    }

    Map<String, Double> metrics() {
        return metrics == null ? null : metrics.scrape();
    }

    Long heapUsed(Map<String, Double> samples) {
        if (samples == null) {
            return null;
        }
        long heap = MetricsScraper.heapUsed(samples);
        return heap < 0 ? null : heap;
    }

    Long maxRss() {
        return probe == null || maxRss.get() < 0 ? null : maxRss.get();
    }

    static ServerSpan span(ProcessProbe.Sample start, ProcessProbe.Sample end) {
        if (start == null || end == null) {
            return null;
        }
        Double cores = start.cpuSeconds() < 0 || end.cpuSeconds() < 0 ? null
                : (end.cpuSeconds() - start.cpuSeconds()) / ((end.nanos() - start.nanos()) / 1e9);
        return new ServerSpan(rss(start), rss(end), cores == null ? null : Math.round(cores * 1000) / 1000.0);
    }

    static Long rss(ProcessProbe.Sample sample) {
        return sample == null || sample.rssBytes() < 0 ? null : sample.rssBytes();
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }
}
