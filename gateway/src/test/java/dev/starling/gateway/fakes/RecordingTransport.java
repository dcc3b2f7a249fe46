package dev.starling.gateway.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import dev.starling.gateway.connection.Frame;
import dev.starling.gateway.connection.Transport;

/** A {@link Transport} for pure unit tests: every write finishes at once and its text is recorded. */
public final class RecordingTransport implements Transport {

    private final Executor loop;
    private final List<String> sent = new ArrayList<>();

    /** A socket whose event loop is {@code loop}. */
    public RecordingTransport(Executor loop) {
        this.loop = loop;
    }

    /** A socket whose event loop is the calling thread. */
    public RecordingTransport() {
        this(Runnable::run);
    }

    @Override
    public synchronized void send(Frame frame) {
        sent.add(frame.text());
    }

    @Override
    public long pendingBytes() {
        return 0;
    }

    @Override
    public void close(int code, String reason) {
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1:1";
    }

    @Override
    public Executor executor() {
        return loop;
    }

    /** The texts written so far, oldest first. */
    public synchronized List<String> sent() {
        return List.copyOf(sent);
    }
}
