package dev.starling.history.api;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import dev.starling.history.config.HistoryConfig;
import dev.starling.history.metrics.HistoryMetrics;
import dev.starling.history.store.StoreContext;
import dev.starling.protocol.history.HistoryError;
import io.smallrye.mutiny.Uni;

/**
 * Runs a store query for the API within {@code api.query-timeout}, times it, and turns any failure (PostgreSQL
 * down, restarting, too slow) into a quick 503 instead of a hang.
 */
@ApplicationScoped
public class Queries {

    private static final Logger LOG = Logger.getLogger(Queries.class);
    static final String UNAVAILABLE = new HistoryError("history store unavailable", null).encode();

    private final StoreContext context;
    private final HistoryMetrics metrics;
    private final HistoryConfig.Api config;

    public Queries(StoreContext context, HistoryMetrics metrics, HistoryConfig config) {
        this.context = context;
        this.metrics = metrics;
        this.config = config.api();
    }

    <T> Uni<Response> answer(Uni<T> query, Function<T, Response> ok) {
        long started = System.nanoTime();
        return context.run(() -> query)
                .ifNoItem().after(config.queryTimeout()).fail()
                .map(result -> {
                    metrics.query(true, System.nanoTime() - started);
                    return ok.apply(result);
                })
                .onFailure().recoverWithItem(e -> {
                    metrics.query(false, System.nanoTime() - started);
                    LOG.debugf("History query failed: %s", e.toString());
                    return Response.status(503).entity(UNAVAILABLE).header("Retry-After", "1").build();
                });
    }
}
