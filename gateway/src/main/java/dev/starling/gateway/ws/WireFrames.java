package dev.starling.gateway.ws;

import java.nio.ByteBuffer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import dev.starling.gateway.connection.Frame;

/**
 * The complete WebSocket encoding of a shared text frame (RFC 6455 5.2, unmasked, FIN set, opcode text), built once
 * per frame in direct memory and written to every socket as a duplicate: no copy and no encoder run per recipient,
 * and a socket's queued messages share the one copy instead of holding their own.
 *
 * <p>The buffer is a JDK direct buffer, freed by the garbage collector once the frame and every duplicate are
 * unreachable; it is wrapped as unreleasable, so the reference counting of Netty's write path never frees memory
 * other sockets still read.
 */
final class WireFrames {

    private static final int FIN_TEXT = 0x81;

    private WireFrames() {
    }

    /** A buffer of its own (own reader index) over the shared encoding of {@code frame}. */
    static ByteBuf duplicate(Frame frame) {
        return frame.wire(WireFrames::encode).duplicate();
    }

    static ByteBuf encode(Frame frame) {
        byte[] payload = frame.utf8();
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuffer wire = ByteBuffer.allocateDirect(header + length);
        wire.put((byte) FIN_TEXT);
        if (length < 126) {
            wire.put((byte) length);
        } else if (length <= 0xFFFF) {
            wire.put((byte) 126).putShort((short) length);
        } else {
            wire.put((byte) 127).putLong(length);
        }
        wire.put(payload).flip();
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(wire));
    }
}
