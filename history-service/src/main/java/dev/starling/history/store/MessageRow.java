package dev.starling.history.store;

import dev.starling.protocol.history.MessageIds;

/**
 * One channel message to store, at its position.
 *
 * @param streamId      the stream (partition of the events topic)
 * @param serial        the record's offset
 * @param data          the frame's {@code data} string, {@code null} when it had none
 * @param userId        the sender of a client event, else {@code null}
 * @param publishedAtMs when the gateway accepted the publish
 */
public record MessageRow(String appId, String channel, String streamId, long serial, String event, String data,
        String userId, long publishedAtMs) {

    public String messageId() {
        return MessageIds.of(streamId, serial);
    }
}
