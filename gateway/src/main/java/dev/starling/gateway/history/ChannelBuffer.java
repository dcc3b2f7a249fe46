package dev.starling.gateway.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import dev.starling.gateway.app.HistoryLimits;

/**
 * The messages one channel keeps in memory, oldest first, within its app's count and age limits, plus what is
 * needed to answer for messages that are no longer here: the newest serial the channel ever had in this stream and
 * the newest serial that was dropped. Every message with a serial above {@link Snapshot#droppedThrough()} (and above
 * where this node's view of the stream starts) is in the buffer.
 *
 * <p>Appends come from the channel's delivery stripe (one at a time, in serial order); reads and evictions may come
 * from any thread. Guarded by its own monitor.
 */
final class ChannelBuffer {

    /** What the buffer holds at one instant. */
    record Snapshot(List<Retained> messages, long newestSerial, long droppedThrough, long droppedPublishedAtMillis) {

        /** The newest serial, or null when the channel has had no message in this stream (as far as this node knows). */
        Long head() {
            return newestSerial < 0 ? null : newestSerial;
        }
    }

    private final ArrayDeque<Retained> messages = new ArrayDeque<>();
    private HistoryLimits limits;
    private long newestSerial = -1;
    private long droppedThrough = -1;
    private long droppedPublishedAtMillis = -1;
    private long bytes;
    private long lastTouchedMillis;

    ChannelBuffer(HistoryLimits limits, long nowMillis) {
        this.limits = limits;
        this.lastTouchedMillis = nowMillis;
    }

    /** Appends a message; returns the change in retained bytes (the new message minus what the limits dropped). */
    synchronized long append(Retained message, HistoryLimits current, long nowMillis) {
        limits = current;
        lastTouchedMillis = nowMillis;
        newestSerial = Math.max(newestSerial, message.serial());
        long before = bytes;
        if (limits.messages() > 0) {
            messages.addLast(message);
            bytes += message.frame().bytes();
        } else {
            dropped(message);
        }
        trim(nowMillis);
        return bytes - before;
    }

    /** Drops what is over the count or older than the age limit; returns the bytes freed. */
    synchronized long trim(long nowMillis) {
        long before = bytes;
        long oldestKept = nowMillis - limits.maxAge().toMillis();
        while (!messages.isEmpty() && (messages.size() > limits.messages()
                || messages.peekFirst().publishedAtMillis() < oldestKept)) {
            dropOldest();
        }
        return before - bytes;
    }

    /** Drops the oldest message (to keep the node within its memory budget); returns the bytes freed, 0 if empty. */
    synchronized long dropOldest() {
        Retained oldest = messages.pollFirst();
        if (oldest == null) {
            return 0;
        }
        bytes -= oldest.frame().bytes();
        dropped(oldest);
        return oldest.frame().bytes();
    }

    private void dropped(Retained message) {
        droppedThrough = Math.max(droppedThrough, message.serial());
        droppedPublishedAtMillis = Math.max(droppedPublishedAtMillis, message.publishedAtMillis());
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(new ArrayList<>(messages), newestSerial, droppedThrough, droppedPublishedAtMillis);
    }

    /** Whether nothing is retained and nothing happened for {@code idleMillis}: the buffer may be forgotten. */
    synchronized boolean isForgettable(long nowMillis, long idleMillis) {
        return messages.isEmpty() && nowMillis - lastTouchedMillis >= idleMillis;
    }
}
