package dev.starling.protocol.frame;

import java.util.Collection;

import dev.starling.protocol.history.MessageIds;
import dev.starling.protocol.json.JsonText;

/**
 * The frames protocol-2 sockets get beyond protocol 7 (PROTOCOL-V2.md): channel messages with their position, the
 * position at attach in {@code subscription_succeeded}, and the {@code starling:*} control events, whose
 * {@code data} is an object. Key order is fixed, like {@link ServerFrames}.
 */
public final class PositionedFrames {

    public static final String REWIND_COMPLETE = "starling:rewind_complete";
    public static final String RESUME_SUCCESS = "starling:resume_success";
    public static final String RESUME_FAILED = "starling:resume_failed";

    private PositionedFrames() {
    }

    /** Why a resume cannot be served ({@code code} on the wire). */
    public enum ResumeFailure {
        /** The stream id changed: the position belongs to a stream that no longer exists. */
        STREAM_RESET("stream_reset"),
        /** Retention passed the position: messages after it are gone. */
        POSITION_EXPIRED("position_expired"),
        /** The position is ahead of the channel's head. */
        POSITION_INVALID("position_invalid"),
        /** The durable store cannot be reached. */
        UNAVAILABLE("unavailable");

        private final String wire;

        ResumeFailure(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /**
     * A channel message frame of protocol 7 ({@code {"event":…,"channel":…,"data":…[,"user_id":…]}}) with
     * {@code message_id}, {@code stream_id} and {@code serial} added after its last field.
     */
    public static String withPosition(String frame, String streamId, long serial) {
        StringBuilder out = new StringBuilder(frame.length() + 2 * streamId.length() + 64)
                .append(frame, 0, frame.length() - 1);
        out.append(",\"message_id\":");
        JsonText.appendQuoted(out, MessageIds.of(streamId, serial));
        out.append(",\"stream_id\":");
        JsonText.appendQuoted(out, streamId);
        return out.append(",\"serial\":").append(serial).append('}').toString();
    }

    /** {@code subscription_succeeded} with the attach position; {@code serial} null for a channel without messages. */
    public static String subscriptionSucceeded(String channel, String streamId, Long serial) {
        return attach(ServerFrames.subscriptionSucceeded(channel), streamId, serial);
    }

    /** Presence {@code subscription_succeeded} with the attach position. */
    public static String presenceSubscriptionSucceeded(String channel, Collection<PresenceMember> members,
            String streamId, Long serial) {
        return attach(ServerFrames.presenceSubscriptionSucceeded(channel, members), streamId, serial);
    }

    public static String rewindComplete(String channel, int count, String streamId, Long serial, boolean truncated) {
        StringBuilder data = new StringBuilder(64).append("{\"count\":").append(count);
        position(data, streamId, serial).append(",\"truncated\":").append(truncated).append('}');
        return control(REWIND_COMPLETE, channel, data);
    }

    public static String resumeSuccess(String channel, int replayed, String streamId, Long serial) {
        StringBuilder data = new StringBuilder(64).append("{\"replayed\":").append(replayed);
        position(data, streamId, serial).append('}');
        return control(RESUME_SUCCESS, channel, data);
    }

    /**
     * {@code starling:resume_failed}; {@code streamId} is the channel's current stream, {@code oldestSerial} its
     * oldest retained message ({@code null} when unknown or there is none).
     */
    public static String resumeFailed(String channel, ResumeFailure code, String reason, String streamId,
            Long oldestSerial) {
        StringBuilder data = new StringBuilder(128).append("{\"code\":");
        JsonText.appendQuoted(data, code.wire()).append(",\"reason\":");
        JsonText.appendQuoted(data, reason).append(",\"stream_id\":");
        appendNullable(data, streamId).append(",\"oldest_serial\":").append(oldestSerial).append('}');
        return control(RESUME_FAILED, channel, data);
    }

    private static String attach(String frame, String streamId, Long serial) {
        StringBuilder out = new StringBuilder(frame.length() + 64).append(frame, 0, frame.length() - 1);
        out.append(",\"stream_id\":");
        appendNullable(out, streamId).append(",\"serial\":").append(serial);
        return out.append('}').toString();
    }

    private static StringBuilder position(StringBuilder data, String streamId, Long serial) {
        data.append(",\"stream_id\":");
        return appendNullable(data, streamId).append(",\"serial\":").append(serial);
    }

    private static StringBuilder appendNullable(StringBuilder out, String text) {
        return text == null ? out.append("null") : JsonText.appendQuoted(out, text);
    }

    private static String control(String event, String channel, StringBuilder data) {
        StringBuilder out = new StringBuilder(64 + data.length()).append("{\"event\":");
        JsonText.appendQuoted(out, event).append(",\"channel\":");
        JsonText.appendQuoted(out, channel).append(",\"data\":").append(data).append('}');
        return out.toString();
    }
}
