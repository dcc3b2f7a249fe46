package dev.starling.protocol.history;

/**
 * Names of channel streams. In cluster mode a channel lives in one partition of the Kafka {@code events} topic, so
 * the partition is one continuous stream and the record offset is the channel's serial.
 *
 * <p>The topic part is Kafka's topic id ({@code Uuid.toString()} of the events topic), not its name: a topic that
 * is deleted and created again gets a new id, so its streams get new ids and clients that hold positions of the old
 * one are told {@code stream_reset} instead of being resumed into unrelated offsets.
 */
public final class StreamIds {

    private StreamIds() {
    }

    /** {@code topicId + "." + partition}, e.g. {@code "q1nE1fWvSmOcUe2m0Q2y5g.3"}. */
    public static String kafka(String topicId, int partition) {
        if (topicId == null || topicId.isEmpty()) {
            throw new IllegalArgumentException("topic id is required");
        }
        if (partition < 0) {
            throw new IllegalArgumentException("negative partition " + partition);
        }
        return topicId + "." + partition;
    }
}
