package dev.starling.gateway.connection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Supplier;

import dev.starling.gateway.app.App;
import dev.starling.protocol.ErrorCode;
import io.github.bucket4j.Bucket;

/**
 * One client WebSocket: its identity, app, subscriptions, signed-in user and heartbeat state.
 *
 * <p>Outbound guarantee: the bytes queued to the socket but not yet written stay within the configured bound — plus,
 * at most, the frames that other threads are sending to the same socket at that instant (deliveries run on the
 * socket's own event loop, so in practice one frame). A send that would exceed it closes the connection with 4100 (a
 * slow consumer reconnects with backoff) instead of queueing, so a client that stops reading cannot grow the
 * server's memory. The count is the transport's own (Netty's), so no bookkeeping is done per write.
 *
 * <p>Thread-safety: sends and closes may come from any thread. Subscription and user state is guarded by this
 * object's monitor; inbound frames of one connection are handled one at a time.
 */
public final class Connection {

    private static final AtomicIntegerFieldUpdater<Connection> CLOSING =
            AtomicIntegerFieldUpdater.newUpdater(Connection.class, "closing");
    private static final int MAX_CLOSE_REASON_BYTES = 123;

    private final String socketId;
    private final Transport transport;
    private final Traffic traffic;
    private final long maxOutboundBytes;
    private final long openedAtMillis;
    private volatile App app;
    private volatile long lastSeenMillis;
    private volatile long pingSentMillis;
    /** 1 once a close was requested or seen; set by compare-and-set so only the first close acts. */
    private volatile int closing;
    private volatile int closeCode;
    private volatile boolean authorized;
    /** Speaks protocol 2 (positions, rewind, resume); fixed at open. */
    private boolean positioned;

    private Map<String, Subscription> subscriptions;
    private SignedInUser user;
    private Bucket clientEvents;

    public Connection(String socketId, App app, Transport transport, long maxOutboundBytes, long nowMillis) {
        this(socketId, app, transport, maxOutboundBytes, nowMillis, new Traffic());
    }

    public Connection(String socketId, App app, Transport transport, long maxOutboundBytes, long nowMillis,
            Traffic traffic) {
        this.traffic = traffic;
        this.socketId = socketId;
        this.app = app;
        this.transport = transport;
        this.maxOutboundBytes = maxOutboundBytes;
        this.openedAtMillis = nowMillis;
        this.lastSeenMillis = nowMillis;
    }

    public String socketId() {
        return socketId;
    }

    /** Whether the connection speaks protocol 2: its channel messages carry positions (PROTOCOL-V2.md). */
    public boolean isPositioned() {
        return positioned;
    }

    /** Makes the connection a protocol-2 one; called once, before it is registered. */
    public void speakProtocol2() {
        positioned = true;
    }

    public App app() {
        return app;
    }

    public String appId() {
        return app.id();
    }

    /** Replaces the app definition after a reload (same id and key). */
    public void updateApp(App updated) {
        this.app = updated;
    }

    public String remoteAddress() {
        return transport.remoteAddress();
    }

    /** The event loop of the socket (see {@link Transport#executor()}). */
    public java.util.concurrent.Executor executor() {
        return transport.executor();
    }

    // ---- outbound -------------------------------------------------------------------------------------------

    /** Queues {@code frame}; returns false when the connection is closing or was closed as a slow consumer. */
    public boolean send(Frame frame) {
        if (closing != 0) {
            return false;
        }
        int bytes = frame.bytes();
        if (transport.pendingBytes() + bytes > maxOutboundBytes) {
            traffic.slowConsumerCloses.increment();
            close(ErrorCode.OVER_CAPACITY, "Slow consumer: more than " + maxOutboundBytes + " bytes waiting to be sent");
            return false;
        }
        traffic.sent(bytes);
        transport.send(frame);
        return true;
    }

    public boolean send(String frame) {
        return send(Frame.of(frame));
    }

    /** Bytes queued but not yet written. */
    public long pendingBytes() {
        return transport.pendingBytes();
    }

    /** Closes with {@code code} and its default message. Only the first close of a connection has an effect. */
    public void close(ErrorCode code) {
        close(code, code.message());
    }

    public void close(ErrorCode code, String reason) {
        if (!code.closes()) {
            throw new IllegalArgumentException(code + " is not a close code");
        }
        if (!CLOSING.compareAndSet(this, 0, 1)) {
            return;
        }
        closeCode = code.code();
        transport.close(code.code(), truncate(reason));
    }

    /**
     * The transport closes the socket itself with the WebSocket close code {@code code} (a protocol violation: 1002,
     * 1007, 1009); nothing more is sent. Returns false if the connection was closing already.
     */
    public boolean closedByTransport(int code) {
        if (!CLOSING.compareAndSet(this, 0, 1)) {
            return false;
        }
        closeCode = code;
        return true;
    }

    /** The code this server closed the connection with, 0 if it did not close it. */
    public int closeCode() {
        return closeCode;
    }

    public boolean isClosing() {
        return closing != 0;
    }

    /** Marks the connection closed after the socket went away without a close of ours. */
    public void markClosed() {
        closing = 1;
    }

    // ---- heartbeat ------------------------------------------------------------------------------------------

    /** Records inbound activity: any frame from the client counts and answers an outstanding ping. */
    public void touch(long nowMillis) {
        lastSeenMillis = nowMillis;
        pingSentMillis = 0;
    }

    public long lastSeenMillis() {
        return lastSeenMillis;
    }

    public long pingSentMillis() {
        return pingSentMillis;
    }

    public void pingSent(long nowMillis) {
        pingSentMillis = nowMillis;
    }

    public long openedAtMillis() {
        return openedAtMillis;
    }

    /** Signed in, or subscribed to a private or presence channel (for the authorized-connections rule). */
    public boolean isAuthorized() {
        return authorized;
    }

    public void markAuthorized() {
        authorized = true;
    }

    // ---- subscriptions --------------------------------------------------------------------------------------

    public synchronized Subscription subscription(String channel) {
        return subscriptions == null ? null : subscriptions.get(channel);
    }

    public synchronized int subscriptionCount() {
        return subscriptions == null ? 0 : subscriptions.size();
    }

    /** Adds a subscription unless one exists for the channel; returns whether it was added. */
    public synchronized boolean addSubscription(Subscription subscription) {
        if (subscriptions == null) {
            subscriptions = new HashMap<>(4);
        }
        return subscriptions.putIfAbsent(subscription.channel().name(), subscription) == null;
    }

    /** Marks a pending subscription active; returns false if it was removed meanwhile. */
    public synchronized boolean activate(String channel) {
        Subscription current = subscription(channel);
        if (current == null) {
            return false;
        }
        subscriptions.put(channel, current.activated());
        return true;
    }

    public synchronized Subscription removeSubscription(String channel) {
        return subscriptions == null ? null : subscriptions.remove(channel);
    }

    /** Removes and returns every subscription (on close). */
    public synchronized List<Subscription> removeAllSubscriptions() {
        if (subscriptions == null) {
            return List.of();
        }
        List<Subscription> all = new ArrayList<>(subscriptions.values());
        subscriptions = null;
        return all;
    }

    // ---- user -----------------------------------------------------------------------------------------------

    public synchronized SignedInUser user() {
        return user;
    }

    public synchronized void signIn(SignedInUser signedIn) {
        this.user = signedIn;
    }

    public synchronized SignedInUser signOut() {
        SignedInUser previous = user;
        user = null;
        return previous;
    }

    /** The connection's client-event token bucket, created on its first client event. */
    public synchronized Bucket clientEventBucket(Supplier<Bucket> create) {
        if (clientEvents == null) {
            clientEvents = create.get();
        }
        return clientEvents;
    }

    private static String truncate(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_CLOSE_REASON_BYTES) {
            return reason;
        }
        // Cut whole code points only: a surrogate pair split in two would be sent as '?'.
        int end = 0;
        int used = 0;
        while (end < reason.length()) {
            int codePoint = reason.codePointAt(end);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (used + size > MAX_CLOSE_REASON_BYTES) {
                break;
            }
            used += size;
            end += Character.charCount(codePoint);
        }
        return reason.substring(0, end);
    }

    @Override
    public String toString() {
        return "Connection[" + socketId + ", app " + app.id() + "]";
    }
}
