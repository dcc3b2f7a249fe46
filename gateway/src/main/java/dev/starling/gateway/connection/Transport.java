package dev.starling.gateway.connection;

/**
 * The socket under a {@link Connection}: the only thing the gateway's logic knows of the WebSocket library.
 * All methods are thread-safe and never block.
 */
public interface Transport {

    /** Queues a text frame for the socket. */
    void send(Frame frame);

    /** Bytes queued for the socket and not yet handed to the kernel, frames queued from other threads included. */
    long pendingBytes();

    /** Closes the WebSocket with a close code and reason (at most 123 bytes). */
    void close(int code, String reason);

    /**
     * Closes a socket the server refuses: the close frame goes out after what was queued, then the socket stops
     * sending and is closed when the client has closed its side, at the latest after a few seconds (not after the
     * full close timeout a live connection gets).
     */
    default void refuse(int code, String reason) {
        close(code, reason);
    }

    /** The peer address, for logs. */
    String remoteAddress();

    /**
     * The thread that owns the socket (its event loop). Work for many sockets is grouped by it, so a broadcast hands
     * each event loop one task instead of one per socket; {@link #send} from that thread writes without a hand-off.
     */
    java.util.concurrent.Executor executor();
}
