package dev.starling.loadgen.group;

import java.util.concurrent.CompletableFuture;

/**
 * Subscribers held by one process: this one ({@link LocalGroup}) or a child ({@link ChildGroup}). Connections are
 * identified by global indices so that several groups together form one population.
 */
public interface SubscriberGroup extends AutoCloseable {

    /** Opens connections {@code from … from+count-1}; completes when each one subscribed or failed. */
    CompletableFuture<ConnectReport> connect(int from, int count);

    void beginPhase(PhaseStart start);

    /** Counts so far (no histograms). */
    CompletableFuture<GroupReport> stats();

    /** Closes every connection and returns the final report with histograms. */
    CompletableFuture<GroupReport> finish();

    @Override
    void close();
}
