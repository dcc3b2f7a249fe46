package dev.starling.loadgen.run;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.starling.loadgen.RunConfig;
import dev.starling.loadgen.client.ClientTransport;
import dev.starling.loadgen.client.SubscriberSpec;
import dev.starling.loadgen.group.ChildGroup;
import dev.starling.loadgen.group.ConnectReport;
import dev.starling.loadgen.group.GroupReport;
import dev.starling.loadgen.group.GroupReports;
import dev.starling.loadgen.group.LocalGroup;
import dev.starling.loadgen.group.PhaseStart;
import dev.starling.loadgen.group.SubscriberGroup;

/** All subscriber groups of a run, driven together: in this process, or one per child process. */
final class Groups implements AutoCloseable {

    private final List<SubscriberGroup> groups = new ArrayList<>();

    Groups(RunConfig config, ClientTransport transport, PrintStream log) throws IOException {
        SubscriberSpec spec = config.subscriberSpec();
        if (config.processes() == 1) {
            groups.add(new LocalGroup(spec, transport));
        } else {
            SubscriberSpec share = spec.share(config.processes());
            for (int i = 0; i < config.processes(); i++) {
                groups.add(ChildGroup.start(i, share, config.childJvmArgs(), log));
            }
        }
    }

    /** Opens connections {@code from … from+count-1}, split into contiguous ranges, one per group. */
    ConnectReport connect(int from, int count, long timeoutMillis) throws Exception {
        long start = System.nanoTime();
        List<CompletableFuture<ConnectReport>> futures = new ArrayList<>();
        int n = groups.size();
        int next = from;
        for (int i = 0; i < n; i++) {
            int share = count / n + (i < count % n ? 1 : 0);
            futures.add(groups.get(i).connect(next, share));
            next += share;
        }
        List<ConnectReport> reports = new ArrayList<>();
        for (CompletableFuture<ConnectReport> future : futures) {
            reports.add(await(future, timeoutMillis, "connecting"));
        }
        return ConnectReport.merge(reports, (System.nanoTime() - start) / 1_000_000);
    }

    void beginPhase(PhaseStart start) {
        groups.forEach(g -> g.beginPhase(start));
    }

    GroupReport stats() throws Exception {
        List<GroupReport> reports = new ArrayList<>();
        for (SubscriberGroup group : groups) {
            reports.add(await(group.stats(), 30_000, "stats"));
        }
        return GroupReports.merge(reports);
    }

    GroupReport finish() throws Exception {
        List<CompletableFuture<GroupReport>> futures = groups.stream().map(SubscriberGroup::finish).toList();
        List<GroupReport> reports = new ArrayList<>();
        for (CompletableFuture<GroupReport> future : futures) {
            reports.add(await(future, 60_000, "collecting results"));
        }
        return GroupReports.merge(reports);
    }

    boolean inChildren() {
        return groups.size() > 1 || groups.get(0) instanceof ChildGroup;
    }

    @Override
    public void close() {
        groups.forEach(SubscriberGroup::close);
    }

    static <T> T await(CompletableFuture<T> future, long timeoutMillis, String what) throws Exception {
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " did not finish within " + timeoutMillis / 1000 + " s", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
