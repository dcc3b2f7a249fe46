package dev.starling.gateway.fanout;

import dev.starling.gateway.connection.Connection;
import dev.starling.gateway.connection.Frame;
import dev.starling.protocol.frame.PositionedFrames;

/**
 * One channel message as this node delivers it: its protocol-7 frame for protocol-7 sockets and, built once on first
 * use, the same frame with its position for protocol-2 sockets. Both are shared by every recipient.
 */
final class PositionedFrame {

    private final Frame frame;
    private final String streamId;
    private final long serial;
    /** Built by the first protocol-2 recipient; a race builds it twice, harmlessly (Frame is immutable). */
    private volatile Frame positioned;

    PositionedFrame(Frame frame, String streamId, long serial) {
        this.frame = frame;
        this.streamId = streamId;
        this.serial = serial;
    }

    Frame frame() {
        return frame;
    }

    Frame frameFor(Connection connection) {
        if (!connection.isPositioned()) {
            return frame;
        }
        Frame built = positioned;
        if (built == null) {
            built = Frame.shared(PositionedFrames.withPosition(frame.text(), streamId, serial));
            positioned = built;
        }
        return built;
    }
}
