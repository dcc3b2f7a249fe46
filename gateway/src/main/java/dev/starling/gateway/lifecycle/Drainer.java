package dev.starling.gateway.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.starling.gateway.cluster.ClusterBus;
import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.connection.Connection;
import dev.starling.gateway.connection.ConnectionRegistry;
import dev.starling.gateway.connection.DrainState;
import dev.starling.gateway.webhook.WebhookDebouncer;
import dev.starling.gateway.webhook.WebhookDispatcher;
import dev.starling.gateway.ws.ConnectionLifecycle;
import dev.starling.protocol.ErrorCode;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Drains the node on shutdown (SIGTERM), within {@code starling.gateway.drain.timeout}:
 * <ol>
 *   <li>readiness goes down and new sockets are refused (4200), then {@code grace} passes so load balancers stop
 *       sending new clients here;</li>
 *   <li>every connection is closed with 4200 ("reconnect now") at {@code close-rate} per second, so clients spread
 *       over the remaining nodes; its members, subscriptions and sign-in leave the cluster state once;</li>
 *   <li>webhooks waiting for their debounce or delivery are given the time left to go out;</li>
 *   <li>the cluster bus is flushed and says goodbye, so no other node waits for a lease.</li>
 * </ol>
 * Whatever is still open when the budget runs out is closed at once.
 */
@ApplicationScoped
public class Drainer {

    private static final Logger LOG = Logger.getLogger(Drainer.class);
    private static final long TICK_MILLIS = 100;

    private final DrainState state;
    private final ConnectionRegistry connections;
    private final ConnectionLifecycle lifecycle;
    private final WebhookDebouncer debouncer;
    private final WebhookDispatcher dispatcher;
    private final ClusterBus bus;
    private final GatewayConfig.Drain config;
    private final java.util.concurrent.atomic.AtomicBoolean drained = new java.util.concurrent.atomic.AtomicBoolean();

    public Drainer(DrainState state, ConnectionRegistry connections, ConnectionLifecycle lifecycle,
            WebhookDebouncer debouncer, WebhookDispatcher dispatcher, ClusterBus bus, GatewayConfig config) {
        this.state = state;
        this.connections = connections;
        this.lifecycle = lifecycle;
        this.debouncer = debouncer;
        this.dispatcher = dispatcher;
        this.bus = bus;
        this.config = config.drain();
    }

    /**
     * Runs first on SIGTERM, in Quarkus' pre-shutdown phase ({@code quarkus.shutdown.delay-enabled}), while the HTTP
     * server and the sockets are still up.
     */
    void onShutdownStarting(@Observes ShutdownDelayInitiatedEvent event) {
        drain();
    }

    /** Fallback when the pre-shutdown phase did not run (the drain runs once either way). */
    void onShutdown(@Observes ShutdownEvent event) {
        drain();
    }

    private void drain() {
        if (!drained.compareAndSet(false, true)) {
            return;
        }
        long started = System.currentTimeMillis();
        long deadline = started + config.timeout().toMillis();
        state.begin();
        int total = connections.count();
        LOG.infof("Draining: readiness down, %d connection(s) to close within %s", total, config.timeout());
        if (total > 0) {
            waitUntil(() -> false, Math.min(deadline, started + config.grace().toMillis()));
            closeAtRate(deadline);
        }
        // The leaves of the closed connections go round the cluster before their transitions (and webhooks) are
        // known here: wait for that, then for the webhooks.
        java.util.concurrent.CompletableFuture<Void> applied = bus.applied().toCompletableFuture();
        waitUntil(applied::isDone, deadline);
        waitUntil(() -> debouncer.delayed() == 0 && dispatcher.pending() == 0, deadline);
        if (dispatcher.pending() > 0 || debouncer.delayed() > 0) {
            LOG.warnf("Drain budget spent with %d webhook(s) undelivered", dispatcher.pending() + debouncer.delayed());
        }
        bus.stop();
        LOG.infof("Drained %d connection(s) in %d ms", total, System.currentTimeMillis() - started);
    }

    private void closeAtRate(long deadline) {
        double perTick = Math.max(1, config.closeRate() * TICK_MILLIS / 1000.0);
        double budget = 0;
        while (connections.count() > 0) {
            boolean lastCall = System.currentTimeMillis() >= deadline;
            budget += perTick;
            List<Connection> batch = new ArrayList<>();
            int take = lastCall ? Integer.MAX_VALUE : (int) budget;
            connections.forEach(connection -> {
                if (batch.size() < take) {
                    batch.add(connection);
                }
            });
            budget -= batch.size();
            batch.forEach(this::close);
            if (lastCall) {
                LOG.warnf("Drain budget spent: closed the last %d connection(s) at once", batch.size());
                return;
            }
            waitUntil(() -> false, Math.min(deadline, System.currentTimeMillis() + TICK_MILLIS));
        }
    }

    private void close(Connection connection) {
        connection.close(ErrorCode.RECONNECT, "Server is restarting, reconnect");
        lifecycle.closed(connection, ErrorCode.RECONNECT.code());
    }

    private static void waitUntil(BooleanSupplier done, long deadline) {
        while (!done.getAsBoolean() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(Math.min(50, Math.max(1, deadline - System.currentTimeMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
