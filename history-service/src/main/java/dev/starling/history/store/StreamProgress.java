package dev.starling.history.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How far a stream is written (table {@code stream_progress}): every record of the partition with an offset up to
 * {@code writtenThrough} has been written or skipped as undecodable. Upserted (never lowered) by
 * {@link MessageWriter} in the transaction that writes the rows, so it is right after any restart.
 */
@Entity
@Table(name = "stream_progress")
public class StreamProgress {

    @Id
    @Column(name = "stream_id")
    private String streamId;

    @Column(name = "topic")
    private String topic;

    @Column(name = "partition_id")
    private int partition;

    @Column(name = "written_through")
    private long writtenThrough;

    protected StreamProgress() {
    }

    public String streamId() {
        return streamId;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long writtenThrough() {
        return writtenThrough;
    }
}
