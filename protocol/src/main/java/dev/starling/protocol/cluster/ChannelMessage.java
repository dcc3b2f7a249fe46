package dev.starling.protocol.cluster;

/**
 * One event for one channel as it travels between nodes: the already-encoded Pusher frame (so no node re-encodes
 * it per subscriber), the socket to skip, and where it came from.
 *
 * @param frame             the exact text frame subscribers receive
 * @param excludeSocketId   socket that must not receive it (the sender of a client event, or {@code socket_id}
 *                          of an HTTP publish); {@code null} for none
 * @param source            HTTP publish or client event (only HTTP publishes are kept by cache channels)
 * @param originNode        the node that accepted the publish
 * @param publishedAtMillis wall-clock time the publish was accepted, for latency measurement
 */
public record ChannelMessage(String appId, String channel, String frame, String excludeSocketId, Source source,
        String originNode, long publishedAtMillis) {

    public enum Source {
        /** Published through the HTTP API. */
        API,
        /** A {@code client-} event sent by a connection. */
        CLIENT
    }
}
