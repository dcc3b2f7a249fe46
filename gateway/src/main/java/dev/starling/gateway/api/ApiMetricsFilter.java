package dev.starling.gateway.api;

import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import dev.starling.gateway.metrics.GatewayMetrics;

/** Counts every HTTP API answer by route and status ({@code starling_api_requests_total}). */
public class ApiMetricsFilter {

    private final GatewayMetrics metrics;

    public ApiMetricsFilter(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerResponseFilter
    public void count(ContainerResponseContext response, SimpleResourceInfo resource) {
        metrics.apiRequest(route(resource), response.getStatus());
    }

    private static String route(SimpleResourceInfo resource) {
        if (resource == null || resource.getMethodName() == null) {
            return "unknown";
        }
        return switch (resource.getMethodName()) {
            case "events" -> "events";
            case "batch" -> "batch_events";
            case "channels" -> "channels";
            case "channel" -> "channel";
            case "users" -> "users";
            case "terminate" -> "terminate_connections";
            case "history" -> "history";
            default -> "other";
        };
    }
}
