package dev.starling.protocol.webhook;

import java.util.List;

import dev.starling.protocol.json.JsonText;

/** Encodes a webhook request body: {@code {"time_ms":…,"events":[…]}}. */
public final class WebhookBody {

    private WebhookBody() {
    }

    public static String encode(long timeMs, List<? extends WebhookEvent> events) {
        StringBuilder out = new StringBuilder(64 + events.size() * 80).append("{\"time_ms\":").append(timeMs)
                .append(",\"events\":[");
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendEvent(out, events.get(i));
        }
        return out.append("]}").toString();
    }

    static void appendEvent(StringBuilder out, WebhookEvent event) {
        out.append("{\"name\":\"").append(event.name()).append("\",\"channel\":");
        JsonText.appendQuoted(out, event.channel());
        switch (event) {
            case WebhookEvent.MemberAdded added -> field(out, "user_id", added.userId());
            case WebhookEvent.MemberRemoved removed -> field(out, "user_id", removed.userId());
            case WebhookEvent.ClientEvent client -> {
                field(out, "event", client.event());
                if (client.data() != null) {
                    field(out, "data", client.data());
                }
                field(out, "socket_id", client.socketId());
                if (client.userId() != null) {
                    field(out, "user_id", client.userId());
                }
            }
            case WebhookEvent.SubscriptionCount count ->
                    out.append(",\"subscription_count\":").append(count.subscriptionCount());
            case WebhookEvent.ChannelOccupied ignored -> {
            }
            case WebhookEvent.ChannelVacated ignored -> {
            }
            case WebhookEvent.CacheMiss ignored -> {
            }
        }
        out.append('}');
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(",\"").append(name).append("\":");
        JsonText.appendQuoted(out, value);
    }
}
