package dev.starling.loadgen.run;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;

import dev.starling.loadgen.client.ChannelKind;
import dev.starling.loadgen.client.ClientTransport;
import dev.starling.loadgen.client.ConnectionListener;
import dev.starling.loadgen.client.PusherConnection;
import dev.starling.loadgen.client.SubscriberSpec;
import dev.starling.loadgen.report.RunResults.Churn;
import dev.starling.loadgen.stats.Latencies;
import dev.starling.loadgen.stats.LatencySummary;
import io.vertx.core.Vertx;

/**
 * Opens connections at a steady rate, each subscribing to the measured channel and closing itself after its lifetime,
 * while the steady subscribers are measured. Churning connections' deliveries are not counted: they come and go.
 */
final class ChurnDriver implements ConnectionListener {

    private static final int MAX_CONNECTING = 2_000;

    private final ClientTransport transport;
    private final Vertx vertx;
    private final SubscriberSpec spec;
    private final String channel;
    private final double rate;
    private final long lifetimeMillis;
    private final Set<PusherConnection> live = ConcurrentHashMap.newKeySet();
    private final ConcurrentHistogram connectLatency = Latencies.concurrent();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> unexpectedCloses = new ConcurrentHashMap<>();
    private final AtomicInteger connecting = new AtomicInteger();
    private final AtomicLong subscribed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean stopping;
    private volatile long started;
    private long timer = -1;
    private long startNanos;
    private long stopNanos;

    ChurnDriver(ClientTransport transport, SubscriberSpec spec, String channel, double rate, long lifetimeMillis) {
        this.transport = transport;
        this.vertx = transport.vertx();
        this.spec = spec;
        this.channel = channel;
        this.rate = rate;
        this.lifetimeMillis = lifetimeMillis;
    }

    void start() {
        startNanos = System.nanoTime();
        timer = vertx.setPeriodic(1, ignored -> tick());
    }

    /** Every millisecond: starts the connections due by now (a late tick catches up), within the bound. */
    private void tick() {
        long due = (long) ((System.nanoTime() - startNanos) / 1e9 * rate) + 1;
        while (started < due && connecting.get() < MAX_CONNECTING && !stopping) {
            launch(started++);
        }
    }

    private void launch(long n) {
        int portIndex = (int) (n % spec.ports().size());
        String channelData = spec.kind() == ChannelKind.PRESENCE
                ? "{\"user_id\":\"churn-" + n + "\",\"user_info\":{}}" : null;
        PusherConnection connection = new PusherConnection((int) -(n + 1), channel, channelData, false, true,
                portIndex, spec.appKey(), spec.appSecret(), spec.eventName(), this);
        live.add(connection);
        connecting.incrementAndGet();
        int source = spec.sourceAddresses().isEmpty() ? -1 : (int) (n % spec.sourceAddresses().size());
        transport.context((int) n).runOnContext(ignored -> connection.connect(transport.client(source, false),
                spec.host(), spec.ports().get(portIndex), spec.protocol()));
        vertx.setTimer(spec.connectTimeoutMillis(), ignored -> {
            if (connection.resolve()) {
                fail(connection, "timeout");
            }
        });
    }

    /**
     * Stops opening connections, closes the live ones and reports. The counts of subscribed and failed connections
     * and the latency histogram are read under the same lock that {@link #subscribed} and {@link #fail} take, and
     * nothing is counted after this: the report's {@code subscribed} always equals its histogram's count, and a
     * connection still connecting when the phase ends (closed here) is neither subscribed nor failed, only started.
     */
    Churn stop() {
        long subscribedCount;
        long failedCount;
        LatencySummary connectSummary;
        Map<String, Long> failureCounts = new TreeMap<>();
        synchronized (this) {
            stopping = true;
            stopNanos = System.nanoTime();
            subscribedCount = subscribed.get();
            failedCount = failed.get();
            failures.forEach((k, v) -> failureCounts.put(k, v.get()));
            connectSummary = LatencySummary.of(connectLatency);
        }
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        // Connections still connecting are closed by us here: they neither subscribed nor failed in the phase.
        live.forEach(PusherConnection::close);
        double seconds = Math.max(1e-3, (stopNanos - startNanos) / 1e9);
        Map<Integer, Long> closes = new TreeMap<>();
        unexpectedCloses.forEach((k, v) -> closes.put(k, v.get()));
        return new Churn(rate, started, subscribedCount, failedCount, failureCounts,
                Math.round(subscribedCount / seconds * 10) / 10.0, connectSummary, closes);
    }

    private void fail(PusherConnection connection, String reason) {
        connecting.decrementAndGet();
        synchronized (this) {
            // After the report was taken nothing is counted: a connection closed by stop() itself while it was
            // still connecting would otherwise count as failed (ChurnIT saw 61 started, 60 subscribed, 1 failed).
            if (!stopping) {
                failed.incrementAndGet();
                failures.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
            }
        }
        connection.close();
        live.remove(connection);
    }

    @Override
    public void established(PusherConnection connection) {
        // waits for subscription_succeeded
    }

    @Override
    public void subscribed(PusherConnection connection) {
        if (!connection.resolve()) {
            return;
        }
        connecting.decrementAndGet();
        synchronized (this) {
            if (stopping) {
                // Subscribed after the report was taken: neither counted nor measured.
                connection.close();
                live.remove(connection);
                return;
            }
            subscribed.incrementAndGet();
            Latencies.record(connectLatency, (System.nanoTime() - connection.startedNanos()) / 1000);
        }
        vertx.setTimer(Math.max(1, lifetimeMillis), ignored -> {
            connection.close();
            live.remove(connection);
        });
    }

    @Override
    public void delivery(PusherConnection connection, String frame, long receivedMicros) {
        // churning subscribers are not measured
    }

    @Override
    public void memberEvent(PusherConnection connection, boolean added) {
        // not measured
    }

    @Override
    public void refused(PusherConnection connection, String frame) {
        if (connection.resolve()) {
            fail(connection, "refused");
        }
    }

    @Override
    public void closed(PusherConnection connection, int code) {
        if (connection.resolve()) {
            fail(connection, "closed " + code + " before subscription_succeeded");
        } else if (!connection.closedByUs()) {
            unexpectedCloses.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
            live.remove(connection);
        }
    }

    @Override
    public void connectFailed(PusherConnection connection, Throwable cause) {
        if (connection.resolve()) {
            fail(connection, "connect: " + cause.getClass().getSimpleName());
        }
    }
}
