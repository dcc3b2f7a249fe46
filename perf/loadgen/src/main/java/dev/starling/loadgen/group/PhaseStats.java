package dev.starling.loadgen.group;

import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;

import dev.starling.loadgen.stats.Latencies;

/** One phase's counters in one process, written from every event loop without locks. */
final class PhaseStats {

    final LongAdder received = new LongAdder();
    final LongAdder memberAdded = new LongAdder();
    final LongAdder memberRemoved = new LongAdder();
    final ConcurrentHistogram latency = Latencies.concurrent();
    /** With several ports only: deliveries published through the subscriber's own node, and through another. */
    final ConcurrentHistogram sameNode;
    final ConcurrentHistogram otherNode;

    PhaseStats(boolean severalPorts) {
        sameNode = severalPorts ? Latencies.concurrent() : null;
        otherNode = severalPorts ? Latencies.concurrent() : null;
    }

    PhaseCounts counts(boolean withHistograms) {
        return new PhaseCounts(received.sum(), memberAdded.sum(), memberRemoved.sum(),
                withHistograms ? Latencies.encode(latency) : null,
                withHistograms && sameNode != null ? Latencies.encode(sameNode) : null,
                withHistograms && otherNode != null ? Latencies.encode(otherNode) : null);
    }
}
