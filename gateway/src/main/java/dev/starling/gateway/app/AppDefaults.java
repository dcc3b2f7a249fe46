package dev.starling.gateway.app;

import java.time.Duration;

import dev.starling.gateway.config.GatewayConfig;

/** The global limits an app falls back to when it does not set its own. */
public record AppDefaults(int maxConnections, int clientEventsPerSecond, int maxEventDataBytes, int maxPresenceMembers,
        Duration authorizedConnectionsTimeout) {

    public static AppDefaults from(GatewayConfig.Limits limits) {
        return new AppDefaults(limits.maxConnectionsPerApp(), limits.clientEventsPerSecond(), limits.maxEventDataBytes(),
                limits.maxPresenceMembers(), Duration.ofSeconds(30));
    }
}
