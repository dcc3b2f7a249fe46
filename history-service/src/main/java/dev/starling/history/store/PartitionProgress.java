package dev.starling.history.store;

/**
 * How far a batch reached in one partition: every record of {@code partition} with an offset up to
 * {@code throughOffset} is written once the batch's transaction commits.
 */
public record PartitionProgress(String streamId, String topic, int partition, long throughOffset) {
}
