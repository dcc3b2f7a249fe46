package dev.starling.history.store;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * A stored channel message (table {@code channel_messages}), read by history queries. Rows are inserted with native
 * SQL ({@link MessageWriter}: batched and idempotent) and never updated.
 */
@Entity
@Table(name = "channel_messages")
@IdClass(StoredMessage.Key.class)
public class StoredMessage {

    @Id
    @Column(name = "stream_id")
    private String streamId;

    @Id
    @Column(name = "serial")
    private long serial;

    @Column(name = "app_id")
    private String appId;

    @Column(name = "channel")
    private String channel;

    @Column(name = "message_id")
    private String messageId;

    @Column(name = "event")
    private String event;

    @Column(name = "data")
    private String data;

    @Column(name = "user_id")
    private String userId;

    @Column(name = "published_at_ms")
    private long publishedAtMs;

    protected StoredMessage() {
    }

    public String streamId() {
        return streamId;
    }

    public long serial() {
        return serial;
    }

    public String messageId() {
        return messageId;
    }

    public String event() {
        return event;
    }

    public String data() {
        return data;
    }

    public String userId() {
        return userId;
    }

    public long publishedAtMs() {
        return publishedAtMs;
    }

    /** The primary key: the position. */
    public static class Key implements Serializable {

        private String streamId;
        private long serial;

        protected Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.serial == serial && Objects.equals(k.streamId, streamId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(streamId, serial);
        }
    }
}
