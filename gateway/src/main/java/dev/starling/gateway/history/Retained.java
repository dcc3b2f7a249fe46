package dev.starling.gateway.history;

import dev.starling.gateway.connection.Frame;

/**
 * A channel message kept in memory: its serial, its protocol-7 frame (as delivered, encoded once) and when its
 * publish was accepted.
 */
public record Retained(long serial, Frame frame, long publishedAtMillis) {
}
