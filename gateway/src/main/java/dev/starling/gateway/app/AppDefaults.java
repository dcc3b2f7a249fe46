package dev.starling.gateway.app;

import java.time.Duration;

import dev.starling.gateway.config.GatewayConfig;

/** The global limits an app falls back to when it does not set its own. */
public record AppDefaults(int maxConnections, int clientEventsPerSecond, int maxEventDataBytes, int maxPresenceMembers,
        Duration authorizedConnectionsTimeout, HistoryLimits history) {

    public AppDefaults(int maxConnections, int clientEventsPerSecond, int maxEventDataBytes, int maxPresenceMembers,
            Duration authorizedConnectionsTimeout) {
        this(maxConnections, clientEventsPerSecond, maxEventDataBytes, maxPresenceMembers, authorizedConnectionsTimeout,
                HistoryLimits.DEFAULTS);
    }

    public static AppDefaults from(GatewayConfig config) {
        GatewayConfig.Limits limits = config.limits();
        GatewayConfig.History history = config.history();
        return new AppDefaults(limits.maxConnectionsPerApp(), limits.clientEventsPerSecond(), limits.maxEventDataBytes(),
                limits.maxPresenceMembers(), Duration.ofSeconds(30), new HistoryLimits(history.messages(),
                        history.maxAge(), history.maxRewind(), history.maxPage()));
    }
}
