package dev.starling.gateway.history;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.starling.gateway.cluster.ClusterBus;
import dev.starling.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

/**
 * Chooses where full history is read from: this node's memory on a single node, history-service in cluster mode
 * ({@code history.service-url}); a cluster without it has only the hot buffers, and anything older is
 * {@code unavailable}.
 */
@ApplicationScoped
public class HistorySetup {

    private static final Logger LOG = Logger.getLogger(HistorySetup.class);

    @Produces
    @Singleton
    HistorySource source(GatewayConfig config, HistoryBuffers buffers, ClusterBus bus, Vertx vertx,
            MeterRegistry registry) {
        GatewayConfig.History history = config.history();
        if (config.cluster().mode() == GatewayConfig.Cluster.Mode.SINGLE_NODE) {
            return new LocalHistory(buffers, bus);
        }
        if (history.serviceUrl().isEmpty()) {
            LOG.warn("Cluster mode without starling.gateway.history.service-url: rewind and resume are served from "
                    + "this node's memory only, the history API answers 503");
            return new UnavailableHistory();
        }
        LOG.infof("Durable history from history-service at %s", history.serviceUrl().get());
        CoalescedHistory coalesced = new CoalescedHistory(new RemoteHistory(vertx, history.serviceUrl().get(),
                history.serviceToken().orElse(null), history.requestTimeout()));
        FunctionCounter.builder("starling.history.queries.coalesced", coalesced, CoalescedHistory::coalesced)
                .description("History-service queries answered by an identical query already in flight")
                .register(registry);
        return coalesced;
    }

    /** A cluster without history-service. */
    static final class UnavailableHistory implements HistorySource {

        @Override
        public boolean isLocal() {
            return false;
        }

        @Override
        public java.util.concurrent.CompletionStage<dev.starling.protocol.history.HistoryPage> query(String appId,
                String channel, dev.starling.protocol.history.HistoryQuery query) {
            return java.util.concurrent.CompletableFuture.failedFuture(new HistoryUnavailableException(
                    "No history-service is configured (starling.gateway.history.service-url)", null));
        }
    }
}
