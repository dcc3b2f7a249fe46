package dev.starling.gateway.connection;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * An encoded text frame: its text and its UTF-8 bytes. A broadcast builds one {@code Frame} and hands the same object
 * to every subscriber, so the text is encoded once, not per recipient.
 *
 * <p>A <em>shared</em> frame ({@link #shared}) is one that many sockets may be sent: a channel message, a member
 * event, a ping. From its second recipient on ({@link #repeatWrite}) the transport writes one wire encoding built
 * once ({@link #wire}) to every socket; its first recipient, and frames meant for one socket ({@link #of}), are
 * encoded per write instead, which costs less than building a shareable copy — so a message to a channel with a
 * single subscriber never builds one.
 */
public final class Frame {

    private final String text;
    private final byte[] utf8;
    private final boolean shared;
    /** The transport's encoding, built on first use; a race builds it twice, harmlessly (both are equal). */
    private volatile Object wire;
    /** Written to a socket at least once. */
    private volatile boolean written;

    private Frame(String text, byte[] utf8, boolean shared) {
        this.text = text;
        this.utf8 = utf8;
        this.shared = shared;
    }

    /** A frame for one socket. */
    public static Frame of(String text) {
        return new Frame(text, text.getBytes(StandardCharsets.UTF_8), false);
    }

    /** A frame that many sockets are sent (see the class comment). */
    public static Frame shared(String text) {
        return new Frame(text, text.getBytes(StandardCharsets.UTF_8), true);
    }

    public String text() {
        return text;
    }

    public byte[] utf8() {
        return utf8;
    }

    public boolean shared() {
        return shared;
    }

    /**
     * Records a write of this frame and says whether one came before it. Two first writes racing on two threads may
     * both hear false; that only means both encode for themselves.
     */
    public boolean repeatWrite() {
        if (written) {
            return true;
        }
        written = true;
        return false;
    }

    /**
     * The same text and bytes as a frame for one socket, without the shared encoding: what is kept for later (channel
     * history, the cache channel's last event) holds the bytes once, not a second copy in direct memory, and a replay
     * to one socket encodes per write.
     */
    public Frame forKeeping() {
        return shared ? new Frame(text, utf8, false) : this;
    }

    /**
     * The transport's encoding of this frame, built by {@code encode} on the first call and returned by every later
     * one. One transport type per process calls this, so the cached encoding is always of the type it expects.
     */
    @SuppressWarnings("unchecked")
    public <T> T wire(Function<Frame, T> encode) {
        Object built = wire;
        if (built == null) {
            built = encode.apply(this);
            wire = built;
        }
        return (T) built;
    }

    @Override
    public String toString() {
        return text;
    }

    /** Size in UTF-8 bytes. */
    public int bytes() {
        return utf8.length;
    }

    /**
     * The UTF-8 length of {@code text} without encoding it, for size limits on text that is not sent as it is
     * (unpaired surrogates count as 3, an overestimate: encoders write them as '?').
     */
    public static int utf8Length(String text) {
        int length = text.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 2; // 4 bytes for the pair of 2 chars
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }
}
