package dev.starling.protocol.cluster;

/** A command every node carries out for its own connections. */
public sealed interface ControlMessage {

    /** Close every connection signed in as {@code userId} (HTTP {@code terminate_connections}). */
    record TerminateUserConnections(String appId, String userId) implements ControlMessage {
    }
}
