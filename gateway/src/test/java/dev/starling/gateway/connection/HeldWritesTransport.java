package dev.starling.gateway.connection;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Transport} that never finishes a write by itself: frames stay "queued" until the test completes them, so
 * the connection's outbound budget can be watched. Records every frame and close.
 */
final class HeldWritesTransport implements Transport {

    record Close(int code, String reason) {
    }

    private final List<String> sent = new ArrayList<>();
    private final List<Frame> unfinished = new ArrayList<>();
    private final List<Close> closes = new ArrayList<>();

    @Override
    public synchronized void send(Frame frame) {
        sent.add(frame.text());
        unfinished.add(frame);
    }

    @Override
    public synchronized long pendingBytes() {
        long total = 0;
        for (Frame frame : unfinished) {
            total += frame.bytes();
        }
        return total;
    }

    @Override
    public synchronized void close(int code, String reason) {
        closes.add(new Close(code, reason));
    }

    @Override
    public java.util.concurrent.Executor executor() {
        return Runnable::run;
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1:1";
    }

    /** Finishes the oldest write still held. */
    synchronized void completeOldest() {
        unfinished.remove(0);
    }

    void completeAll() {
        while (true) {
            synchronized (this) {
                if (unfinished.isEmpty()) {
                    return;
                }
            }
            completeOldest();
        }
    }

    synchronized List<String> sent() {
        return List.copyOf(sent);
    }

    synchronized List<Close> closes() {
        return List.copyOf(closes);
    }
}
