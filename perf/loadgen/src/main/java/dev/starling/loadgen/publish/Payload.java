package dev.starling.loadgen.publish;

import dev.starling.protocol.json.JsonText;

/**
 * The event the publisher sends. Its {@code data} (a string, as the protocol wants) is a small JSON object padded to
 * the requested size:
 * {@code {"lg_t":<epoch micros at publish>,"lg_p":<phase>,"lg_n":<publisher port index>,"lg_x":"xxx…"}}.
 * Subscribers read {@code lg_t} for latency, {@code lg_p} to attribute the delivery to a phase and {@code lg_n} to
 * tell deliveries published through their own node from those that crossed the cluster.
 */
public final class Payload {

    private final String eventName;
    private final int payloadBytes;
    private String padding = "";

    public Payload(String eventName, int payloadBytes) {
        this.eventName = eventName;
        this.payloadBytes = payloadBytes;
    }

    /** The event {@code data}: exactly {@code payloadBytes} long unless the header alone is longer. */
    public String data(long epochMicros, int phase, int node) {
        String head = "{\"lg_t\":" + epochMicros + ",\"lg_p\":" + phase + ",\"lg_n\":" + node + ",\"lg_x\":\"";
        int pad = Math.max(0, payloadBytes - head.length() - 2);
        if (padding.length() != pad) {
            padding = "x".repeat(pad);
        }
        return head + padding + "\"}";
    }

    /** The HTTP API body publishing {@code data} to one channel. */
    public String body(String channel, String data) {
        StringBuilder body = new StringBuilder(data.length() + channel.length() + 64).append("{\"name\":");
        JsonText.appendQuoted(body, eventName).append(",\"channel\":");
        JsonText.appendQuoted(body, channel).append(",\"data\":");
        return JsonText.appendQuoted(body, data).append('}').toString();
    }
}
