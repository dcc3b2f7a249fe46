package dev.starling.gateway.connection;

/**
 * The socket under a {@link Connection}: the only thing the gateway's logic knows of the WebSocket library.
 * All methods are thread-safe and never block.
 */
public interface Transport {

    /** Queues a text frame; {@code written} runs exactly once, when the frame was written out or failed. */
    void send(String text, Runnable written);

    /** Closes the WebSocket with a close code and reason (at most 123 bytes). */
    void close(int code, String reason);

    /** The peer address, for logs. */
    String remoteAddress();
}
