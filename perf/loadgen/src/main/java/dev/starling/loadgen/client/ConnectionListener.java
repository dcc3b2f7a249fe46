package dev.starling.loadgen.client;

/** What a {@link PusherConnection} reports. Called on the connection's event loop; implementations must be thread-safe. */
public interface ConnectionListener {

    /** {@code pusher:connection_established} arrived (the socket id is known). */
    void established(PusherConnection connection);

    /** {@code pusher_internal:subscription_succeeded} arrived. */
    void subscribed(PusherConnection connection);

    /** A load event arrived at {@code receivedMicros} (epoch micros, read before anything else was done with it). */
    void delivery(PusherConnection connection, String frame, long receivedMicros);

    /** {@code pusher_internal:member_added} or {@code member_removed} arrived. */
    void memberEvent(PusherConnection connection, boolean added);

    /** {@code pusher:error} or {@code pusher:subscription_error} arrived. */
    void refused(PusherConnection connection, String frame);

    /** The socket closed; {@code code} is the close status, or -1 when the server sent none (TCP reset, EOF). */
    void closed(PusherConnection connection, int code);

    /** The WebSocket handshake failed (connection refused, HTTP error, timeout). */
    void connectFailed(PusherConnection connection, Throwable cause);
}
