package dev.starling.gateway.cluster.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import dev.starling.protocol.Parsed;
import dev.starling.protocol.cluster.ClusterCodec;
import dev.starling.protocol.cluster.StateUpdate;

/**
 * How state updates are written to the compacted state topic. Each entry has its own key — a presence socket, a
 * node's count of a channel, a signed-in socket — so compaction keeps exactly the live entries. Removals (a socket
 * leaving, a count reaching 0, a sign-out) are tombstones: a {@code null} value, with the key and headers carrying
 * what the update needs. Every record carries the publishing node in the {@code origin} header.
 */
final class StateRecords {

    static final String ORIGIN = "origin";
    static final String NODE = "node";
    static final String SEQUENCE = "seq";

    private StateRecords() {
    }

    /** The compaction key of an update. */
    static byte[] key(StateUpdate update) {
        String key = switch (update) {
            case StateUpdate.PresenceJoined u -> join('P', u.appId(), u.channel(), u.socketId());
            case StateUpdate.PresenceLeft u -> join('P', u.appId(), u.channel(), u.socketId());
            case StateUpdate.SubscriptionCount u -> join('C', u.appId(), u.channel(), u.nodeId());
            case StateUpdate.UserSignedIn u -> join('U', u.appId(), u.userId(), u.socketId());
            case StateUpdate.UserSignedOut u -> join('U', u.appId(), u.userId(), u.socketId());
        };
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /** The value of an update, {@code null} for a removal. */
    static byte[] value(StateUpdate update) {
        boolean removal = update instanceof StateUpdate.PresenceLeft || update instanceof StateUpdate.UserSignedOut
                || (update instanceof StateUpdate.SubscriptionCount count && count.count() == 0);
        return removal ? null : ClusterCodec.encode(update);
    }

    static Headers headers(StateUpdate update, String origin) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ORIGIN, origin.getBytes(StandardCharsets.UTF_8));
        headers.add(NODE, update.nodeId().getBytes(StandardCharsets.UTF_8));
        if (update instanceof StateUpdate.SubscriptionCount count) {
            headers.add(SEQUENCE, Long.toString(count.sequence()).getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    /** Reads a record back into an update; a tombstone becomes the matching removal. */
    static Parsed<StateUpdate> decode(byte[] key, byte[] value, Headers headers) {
        if (value != null) {
            return ClusterCodec.decodeStateUpdate(value);
        }
        String[] parts = key == null ? new String[0] : new String(key, StandardCharsets.UTF_8).split("\n", -1);
        String node = header(headers, NODE);
        if (parts.length != 4 || node == null) {
            return Parsed.err("Malformed state tombstone");
        }
        return switch (parts[0]) {
            case "P" -> Parsed.ok(new StateUpdate.PresenceLeft(parts[1], parts[2], parts[3], node));
            case "C" -> {
                String sequence = header(headers, SEQUENCE);
                try {
                    yield Parsed.ok(new StateUpdate.SubscriptionCount(parts[1], parts[2], parts[3], 0,
                            sequence == null ? Long.MAX_VALUE : Long.parseLong(sequence)));
                } catch (NumberFormatException e) {
                    yield Parsed.err("Malformed sequence header " + sequence);
                }
            }
            case "U" -> Parsed.ok(new StateUpdate.UserSignedOut(parts[1], parts[2], parts[3], node));
            default -> Parsed.err("Unknown state key type " + parts[0]);
        };
    }

    static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String join(char type, String a, String b, String c) {
        return type + "\n" + a + "\n" + b + "\n" + c;
    }
}
