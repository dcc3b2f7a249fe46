package dev.starling.loadgen.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

import dev.starling.loadgen.client.ClientTransport;
import dev.starling.loadgen.client.ConnectionListener;
import dev.starling.loadgen.client.FrameScan;
import dev.starling.loadgen.client.PusherConnection;
import dev.starling.loadgen.client.SubscriberSpec;
import dev.starling.loadgen.client.Topology;
import dev.starling.loadgen.stats.Latencies;
import dev.starling.loadgen.stats.ProcessStats;
import io.vertx.core.Vertx;

/**
 * The subscribers of one process. Opens connections at a bounded rate and concurrency, counts deliveries per phase
 * (from the {@code lg_p} tag in each event) and records publish → receive latency into lock-free histograms from the
 * event-loop threads. Slow consumers are counted apart from healthy subscribers and never enter the latency figures;
 * they connect with the others but subscribe only when their phase starts and stop reading at once, so that everything
 * published in that phase piles up for them (first in the kernel's socket buffers — about 4 MB for a server socket
 * on loopback — then in the server's own bounded queue).
 */
public final class SubscriberPool implements ConnectionListener, AutoCloseable {

    /** Phase 0 (setup, warmup) and up to two measured phases. */
    public static final int PHASES = 3;
    private static final long TICK_MILLIS = 1;

    private final SubscriberSpec spec;
    private final Topology topology;
    private final ClientTransport transport;
    private final Vertx vertx;
    private final boolean severalPorts;
    private final Map<Integer, PusherConnection> connections = new ConcurrentHashMap<>();
    private final PhaseStats[] phases = new PhaseStats[PHASES];
    private final AtomicIntegerArray subscribedPerChannel;
    private final Map<Integer, LongAdder> closes = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> slowCloses = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
    private final LongAdder slowDeliveries = new LongAdder();
    private final LongAdder leaves = new LongAdder();
    private final LongAdder joins = new LongAdder();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger slowDesignated = new AtomicInteger();
    private volatile int phase;
    private volatile Batch batch;
    private PresenceToggler toggler;

    public SubscriberPool(SubscriberSpec spec, ClientTransport transport) {
        this.spec = spec;
        this.topology = new Topology(spec);
        this.transport = transport;
        this.vertx = transport.vertx();
        this.severalPorts = spec.ports().size() > 1;
        this.subscribedPerChannel = new AtomicIntegerArray(spec.channels());
        for (int i = 0; i < PHASES; i++) {
            phases[i] = new PhaseStats(severalPorts);
        }
    }

    /** Opens connections {@code from … from+count-1}; one batch at a time. */
    public CompletableFuture<ConnectReport> connect(int from, int count) {
        Batch next = new Batch(from, count);
        batch = next;
        if (count == 0) {
            next.future.complete(new ConnectReport(0, 0, 0, Map.of(), 0));
        } else {
            next.timer = vertx.setPeriodic(TICK_MILLIS, ignored -> next.launch());
        }
        return next.future;
    }

    public void beginPhase(PhaseStart start) {
        phase = Math.min(start.phase(), PHASES - 1);
        if (start.stallSlow()) {
            connections.values().stream().filter(PusherConnection::slow).forEach(c -> {
                c.subscribe();
                c.pause();
            });
        }
        if (start.resumeSlow()) {
            connections.values().stream().filter(PusherConnection::slow).forEach(PusherConnection::resume);
        }
        transport.context(0).runOnContext(ignored -> { // one context: the toggler's state needs no lock
            if (toggler != null) {
                toggler.stop();
                toggler = null;
            }
            if (start.toggle() && spec.toggleRate() > 0) {
                toggler = new PresenceToggler(vertx, connections.values().stream().filter(c -> !c.slow()).toList(),
                        spec.toggleRate(), spec.toggleAwayMillis(), leaves);
                toggler.start();
            }
        });
    }

    public GroupReport report(boolean withHistograms) {
        List<PhaseCounts> counts = new ArrayList<>();
        for (PhaseStats stats : phases) {
            counts.add(stats.counts(withHistograms));
        }
        int[] perChannel = new int[subscribedPerChannel.length()];
        for (int i = 0; i < perChannel.length; i++) {
            perChannel[i] = subscribedPerChannel.get(i);
        }
        int slowOpen = (int) connections.values().stream()
                .filter(c -> c.slow() && c.state() != PusherConnection.State.CLOSED).count();
        return new GroupReport(counts, perChannel, open.get(), snapshot(closes), slowDesignated.get(),
                snapshot(slowCloses), slowOpen, slowDeliveries.sum(), snapshot(refusals), leaves.sum(), joins.sum(),
                ProcessStats.cpuSeconds(), ProcessStats.gcCount(), ProcessStats.gcMillis(),
                transport.nativeTransport());
    }

    private static <K> Map<K, Long> snapshot(Map<K, LongAdder> counters) {
        Map<K, Long> copy = new TreeMap<>();
        counters.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    @Override
    public void close() {
        connections.values().forEach(PusherConnection::close);
    }

    // --- ConnectionListener -------------------------------------------------------------------------------------

    /** Slow consumers wait, connected but not subscribed, for the phase in which they subscribe and stall. */
    @Override
    public void established(PusherConnection connection) {
        if (connection.slow() && connection.resolve()) {
            batch.resolved(true, null);
        }
    }

    @Override
    public void subscribed(PusherConnection connection) {
        if (connection.slow()) {
            return;
        }
        if (connection.resolve()) {
            if (!connection.slow()) {
                subscribedPerChannel.incrementAndGet(topology.channelIndex(connection.index()));
            }
            batch.resolved(true, null);
        } else {
            joins.increment();
        }
    }

    @Override
    public void delivery(PusherConnection connection, String frame, long receivedMicros) {
        if (connection.slow()) {
            slowDeliveries.increment();
            return;
        }
        long tag = FrameScan.longField(frame, "lg_p");
        PhaseStats stats = phases[tag > 0 && tag < PHASES ? (int) tag : 0];
        stats.received.increment();
        if (tag > 0) {
            long sent = FrameScan.longField(frame, "lg_t");
            if (sent > 0) {
                long micros = receivedMicros - sent;
                Latencies.record(stats.latency, micros);
                if (severalPorts) {
                    boolean same = FrameScan.longField(frame, "lg_n") == connection.portIndex();
                    Latencies.record(same ? stats.sameNode : stats.otherNode, micros);
                }
            }
        }
    }

    @Override
    public void memberEvent(PusherConnection connection, boolean added) {
        PhaseStats stats = phases[phase];
        (added ? stats.memberAdded : stats.memberRemoved).increment();
    }

    @Override
    public void refused(PusherConnection connection, String frame) {
        long code = FrameScan.longField(frame, "code");
        if (code < 0) {
            code = FrameScan.longField(frame, "status");
        }
        String key = FrameScan.event(frame) + " " + code;
        refusals.computeIfAbsent(key, k -> new LongAdder()).increment();
        if (connection.resolve()) {
            connection.close();
            batch.resolved(false, "refused: " + key);
        }
    }

    @Override
    public void closed(PusherConnection connection, int code) {
        open.decrementAndGet();
        if (connection.resolve()) {
            batch.resolved(false, "closed " + code + " before subscription_succeeded");
            return;
        }
        if (connection.closedByUs()) {
            return;
        }
        (connection.slow() ? slowCloses : closes).computeIfAbsent(code, k -> new LongAdder()).increment();
    }

    @Override
    public void connectFailed(PusherConnection connection, Throwable cause) {
        open.decrementAndGet();
        if (connection.resolve()) {
            String message = String.valueOf(cause.getMessage());
            batch.resolved(false, "connect: " + (message.length() > 80 ? message.substring(0, 80) : message));
        }
    }

    // --- connecting ---------------------------------------------------------------------------------------------

    /** One {@link #connect} call: starts connections from a periodic tick within the rate and concurrency bounds. */
    private final class Batch {
        private final int end;
        private final int count;
        private final CompletableFuture<ConnectReport> future = new CompletableFuture<>();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger resolved = new AtomicInteger();
        private final AtomicInteger subscribed = new AtomicInteger();
        private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        private final long startNanos = System.nanoTime();
        private final int from;
        private int next;
        private long timer;

        Batch(int from, int count) {
            this.from = from;
            this.next = from;
            this.end = from + count;
            this.count = count;
        }

        /** Runs on one event loop, every {@link #TICK_MILLIS}; a late tick catches up (the ramp is a schedule). */
        void launch() {
            double rate = spec.rampPerSecond();
            long due = rate > 0 ? (long) ((System.nanoTime() - startNanos) / 1e9 * rate) + 1 : Long.MAX_VALUE;
            while (next < end && next - from < due && inFlight.get() < spec.connectConcurrency()) {
                start(next++);
            }
            if (next >= end) {
                vertx.cancelTimer(timer);
            }
        }

        private void start(int index) {
            boolean slow = topology.slow(index);
            if (slow) {
                slowDesignated.incrementAndGet();
            }
            PusherConnection connection = new PusherConnection(index, topology.channel(index),
                    topology.channelData(index), slow, !slow, topology.portIndex(index), spec.appKey(),
                    spec.appSecret(), spec.eventName(), SubscriberPool.this);
            connections.put(index, connection);
            inFlight.incrementAndGet();
            open.incrementAndGet();
            transport.context(index).runOnContext(ignored -> connection.connect(
                    transport.client(topology.sourceIndex(index), slow), spec.host(), topology.port(index), spec.protocol()));
            vertx.setTimer(spec.connectTimeoutMillis(), ignored -> {
                if (connection.resolve()) {
                    connection.close();
                    resolved(false, "timeout after " + spec.connectTimeoutMillis() + " ms");
                }
            });
        }

        /** Exactly once per connection of the batch. */
        void resolved(boolean ok, String failure) {
            inFlight.decrementAndGet();
            if (ok) {
                subscribed.incrementAndGet();
            } else {
                failures.computeIfAbsent(failure, k -> new LongAdder()).increment();
            }
            if (resolved.incrementAndGet() == count) {
                long millis = (System.nanoTime() - startNanos) / 1_000_000;
                future.complete(new ConnectReport(count, subscribed.get(), count - subscribed.get(),
                        snapshot(failures), millis));
            }
        }
    }

}
