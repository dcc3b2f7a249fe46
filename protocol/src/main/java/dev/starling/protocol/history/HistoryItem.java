package dev.starling.protocol.history;

/**
 * One retained channel message.
 *
 * @param messageId     {@link MessageIds#of(String, long)} of its position
 * @param serial        its position in the stream (the Kafka offset in cluster mode)
 * @param event         the event name
 * @param data          the {@code data} string as published (see {@link ChannelEventFrame#data()}); may be {@code null}
 * @param userId        the sender of a client event, else {@code null}
 * @param publishedAtMs wall-clock time the gateway accepted the publish, epoch milliseconds
 */
public record HistoryItem(String messageId, long serial, String event, String data, String userId,
        long publishedAtMs) {
}
