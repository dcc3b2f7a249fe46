package dev.starling.protocol.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import dev.starling.protocol.Parsed;

/**
 * The binary encoding of the cluster envelope, shared by every service that reads the cluster topics.
 *
 * <p>Layout: one format byte ({@value #FORMAT}), one type byte, then the record's fields in declaration order;
 * strings are a 4-byte length (-1 for {@code null}) and UTF-8 bytes, numbers are big-endian. A reader refuses an
 * unknown format or type with an error rather than guessing. Decoding never throws.
 */
public final class ClusterCodec {

    public static final byte FORMAT = 1;

    private static final byte CHANNEL_MESSAGE = 1;
    private static final byte PRESENCE_JOINED = 10;
    private static final byte PRESENCE_LEFT = 11;
    private static final byte SUBSCRIPTION_COUNT = 12;
    private static final byte USER_SIGNED_IN = 13;
    private static final byte USER_SIGNED_OUT = 14;
    private static final byte TERMINATE_USER = 20;

    private ClusterCodec() {
    }

    public static byte[] encode(ChannelMessage m) {
        return write(CHANNEL_MESSAGE, out -> {
            string(out, m.appId());
            string(out, m.channel());
            string(out, m.frame());
            string(out, m.excludeSocketId());
            out.writeByte(m.source().ordinal());
            string(out, m.originNode());
            out.writeLong(m.publishedAtMillis());
        });
    }

    public static byte[] encode(StateUpdate update) {
        return switch (update) {
            case StateUpdate.PresenceJoined u -> write(PRESENCE_JOINED, out -> strings(out, u.appId(), u.channel(),
                    u.socketId(), u.nodeId(), u.userId(), u.userInfo()));
            case StateUpdate.PresenceLeft u -> write(PRESENCE_LEFT, out -> strings(out, u.appId(), u.channel(),
                    u.socketId(), u.nodeId()));
            case StateUpdate.SubscriptionCount u -> write(SUBSCRIPTION_COUNT, out -> {
                strings(out, u.appId(), u.channel(), u.nodeId());
                out.writeInt(u.count());
                out.writeLong(u.sequence());
            });
            case StateUpdate.UserSignedIn u -> write(USER_SIGNED_IN, out -> strings(out, u.appId(), u.userId(),
                    u.socketId(), u.nodeId()));
            case StateUpdate.UserSignedOut u -> write(USER_SIGNED_OUT, out -> strings(out, u.appId(), u.userId(),
                    u.socketId(), u.nodeId()));
        };
    }

    public static byte[] encode(ControlMessage message) {
        return switch (message) {
            case ControlMessage.TerminateUserConnections m -> write(TERMINATE_USER, out -> strings(out, m.appId(),
                    m.userId()));
        };
    }

    public static Parsed<ChannelMessage> decodeChannelMessage(byte[] bytes) {
        return read(bytes, CHANNEL_MESSAGE, in -> {
            String appId = string(in);
            String channel = string(in);
            String frame = string(in);
            String exclude = string(in);
            int source = in.readByte();
            if (source < 0 || source >= ChannelMessage.Source.values().length) {
                throw new IOException("unknown source " + source);
            }
            return new ChannelMessage(appId, channel, frame, exclude, ChannelMessage.Source.values()[source], string(in),
                    in.readLong());
        });
    }

    public static Parsed<StateUpdate> decodeStateUpdate(byte[] bytes) {
        if (bytes == null || bytes.length < 2) {
            return Parsed.err("State update too short");
        }
        return switch (bytes[1]) {
            case PRESENCE_JOINED -> read(bytes, PRESENCE_JOINED, in -> new StateUpdate.PresenceJoined(string(in),
                    string(in), string(in), string(in), string(in), string(in)));
            case PRESENCE_LEFT -> read(bytes, PRESENCE_LEFT, in -> new StateUpdate.PresenceLeft(string(in), string(in),
                    string(in), string(in)));
            case SUBSCRIPTION_COUNT -> read(bytes, SUBSCRIPTION_COUNT, in -> new StateUpdate.SubscriptionCount(string(in),
                    string(in), string(in), in.readInt(), in.readLong()));
            case USER_SIGNED_IN -> read(bytes, USER_SIGNED_IN, in -> new StateUpdate.UserSignedIn(string(in), string(in),
                    string(in), string(in)));
            case USER_SIGNED_OUT -> read(bytes, USER_SIGNED_OUT, in -> new StateUpdate.UserSignedOut(string(in),
                    string(in), string(in), string(in)));
            default -> Parsed.err("Unknown state update type " + bytes[1]);
        };
    }

    public static Parsed<ControlMessage> decodeControlMessage(byte[] bytes) {
        return read(bytes, TERMINATE_USER, in -> new ControlMessage.TerminateUserConnections(string(in), string(in)));
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(byte type, Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeByte(type);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> Parsed<T> read(byte[] bytes, byte type, Reader<T> reader) {
        if (bytes == null || bytes.length < 2) {
            return Parsed.err("Record too short");
        }
        if (bytes[0] != FORMAT) {
            return Parsed.err("Unknown record format " + bytes[0]);
        }
        if (bytes[1] != type) {
            return Parsed.err("Unexpected record type " + bytes[1]);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 2, bytes.length - 2))) {
            T value = reader.read(in);
            if (in.available() > 0) {
                return Parsed.err("Trailing bytes in record");
            }
            return Parsed.ok(value);
        } catch (IOException | RuntimeException e) {
            return Parsed.err("Corrupt record: " + e);
        }
    }

    private static void strings(DataOutputStream out, String... values) throws IOException {
        for (String value : values) {
            string(out, value);
        }
    }

    private static void string(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String string(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.available()) {
            throw new IOException("bad string length " + length);
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
