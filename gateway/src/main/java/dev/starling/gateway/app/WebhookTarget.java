package dev.starling.gateway.app;

import java.net.URI;
import java.util.Set;

/**
 * Where an app's webhooks go. {@code events} filters by wire name ({@code channel_occupied}, …); empty sends all.
 */
public record WebhookTarget(URI url, Set<String> events) {

    public WebhookTarget {
        events = Set.copyOf(events);
    }

    public boolean wants(String eventName) {
        return events.isEmpty() || events.contains(eventName);
    }
}
