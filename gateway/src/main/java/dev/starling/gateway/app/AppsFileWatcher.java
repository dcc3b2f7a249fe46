package dev.starling.gateway.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.time.GatewayClock;
import io.quarkus.runtime.StartupEvent;

/**
 * Polls the apps file for changes. Polling (rather than file-system events) also sees the symlink swap Kubernetes
 * uses when it updates a mounted Secret or ConfigMap.
 */
@ApplicationScoped
public class AppsFileWatcher {

    private final AppRegistry registry;
    private final GatewayConfig config;
    private final GatewayClock clock;

    public AppsFileWatcher(AppRegistry registry, GatewayConfig config, GatewayClock clock) {
        this.registry = registry;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        if (config.apps().file().isPresent()) {
            clock.every(config.apps().reloadInterval(), registry::reload);
        }
    }
}
