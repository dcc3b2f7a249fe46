package dev.starling.loadgen.group;

import java.util.concurrent.CompletableFuture;

import dev.starling.loadgen.client.ClientTransport;
import dev.starling.loadgen.client.SubscriberSpec;

/** Subscribers in this process, on the caller's {@link ClientTransport}. */
public final class LocalGroup implements SubscriberGroup {

    private final SubscriberPool pool;

    public LocalGroup(SubscriberSpec spec, ClientTransport transport) {
        this.pool = new SubscriberPool(spec, transport);
    }

    @Override
    public CompletableFuture<ConnectReport> connect(int from, int count) {
        return pool.connect(from, count);
    }

    @Override
    public void beginPhase(PhaseStart start) {
        pool.beginPhase(start);
    }

    @Override
    public CompletableFuture<GroupReport> stats() {
        return CompletableFuture.completedFuture(pool.report(false));
    }

    @Override
    public CompletableFuture<GroupReport> finish() {
        GroupReport report = pool.report(true);
        pool.close();
        return CompletableFuture.completedFuture(report);
    }

    @Override
    public void close() {
        pool.close();
    }
}
