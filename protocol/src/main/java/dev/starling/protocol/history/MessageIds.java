package dev.starling.protocol.history;

/**
 * Message ids derived from the position: {@code streamId + ":" + serial}. Because the position is assigned once (by
 * Kafka) the id is the same on every node, in live delivery, in replays and in history, with nothing to store or
 * coordinate.
 */
public final class MessageIds {

    private MessageIds() {
    }

    public static String of(String streamId, long serial) {
        return streamId + ":" + serial;
    }
}
