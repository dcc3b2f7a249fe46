package dev.starling.gateway.connection;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Socket ids of the form {@code <node prefix>.<sequence>}, matching {@code ^\d+\.\d+$}. The prefix is random per
 * process, so ids are unique across the cluster (and across restarts) with overwhelming probability, and the
 * sequence makes them unique within the process.
 */
public final class SocketIds {

    private final long prefix;
    private final AtomicLong sequence = new AtomicLong();

    public SocketIds() {
        this(new SecureRandom().nextLong(100_000_000L, 1_000_000_000L));
    }

    SocketIds(long prefix) {
        this.prefix = prefix;
    }

    public String next() {
        return prefix + "." + sequence.incrementAndGet();
    }
}
