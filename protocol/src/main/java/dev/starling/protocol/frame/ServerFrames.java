package dev.starling.protocol.frame;

import java.util.Collection;
import java.util.List;

import dev.starling.protocol.ErrorCode;
import dev.starling.protocol.json.JsonText;

/**
 * Encodes every server-to-client frame, byte-exact with Pusher.
 *
 * <p>Key order is always {@code event, channel, data, user_id}. {@code data} is a JSON-encoded string (Pusher's
 * double encoding) for every event except {@code pusher:error}, {@code pusher:signin_success},
 * {@code pusher_internal:watchlist_events} and the heartbeat events, whose {@code data} is an object. Channel
 * event data published over HTTP is carried verbatim as the string it was.
 */
public final class ServerFrames {

    public static final String CONNECTION_ESTABLISHED = "pusher:connection_established";
    public static final String ERROR = "pusher:error";
    public static final String PING = "pusher:ping";
    public static final String PONG = "pusher:pong";
    public static final String SUBSCRIPTION_SUCCEEDED = "pusher_internal:subscription_succeeded";
    public static final String SUBSCRIPTION_ERROR = "pusher:subscription_error";
    public static final String MEMBER_ADDED = "pusher_internal:member_added";
    public static final String MEMBER_REMOVED = "pusher_internal:member_removed";
    public static final String SUBSCRIPTION_COUNT = "pusher_internal:subscription_count";
    public static final String CACHE_MISS = "pusher:cache_miss";
    public static final String SIGNIN_SUCCESS = "pusher:signin_success";
    public static final String WATCHLIST_EVENTS = "pusher_internal:watchlist_events";

    private static final String PING_FRAME = "{\"event\":\"pusher:ping\",\"data\":{}}";
    private static final String PONG_FRAME = "{\"event\":\"pusher:pong\",\"data\":{}}";

    private ServerFrames() {
    }

    public static String connectionEstablished(String socketId, long activityTimeoutSeconds) {
        StringBuilder data = new StringBuilder(64).append("{\"socket_id\":");
        JsonText.appendQuoted(data, socketId).append(",\"activity_timeout\":").append(activityTimeoutSeconds).append('}');
        return frame(CONNECTION_ESTABLISHED, null, data.toString(), null);
    }

    /** {@code pusher:error} with a code from the single list of codes and its default message. */
    public static String error(ErrorCode code) {
        return error(code.code(), code.message());
    }

    /** {@code pusher:error}; {@code code} may be {@code null} for errors that have no Pusher code (bad input). */
    public static String error(Integer code, String message) {
        StringBuilder out = new StringBuilder(96).append("{\"event\":\"pusher:error\",\"data\":{\"code\":")
                .append(code == null ? "null" : code.toString()).append(",\"message\":");
        JsonText.appendQuoted(out, message);
        return out.append("}}").toString();
    }

    public static String ping() {
        return PING_FRAME;
    }

    public static String pong() {
        return PONG_FRAME;
    }

    /** {@code subscription_succeeded} for every channel type but presence. */
    public static String subscriptionSucceeded(String channel) {
        return frame(SUBSCRIPTION_SUCCEEDED, channel, "{}", null);
    }

    /** Presence {@code subscription_succeeded}; {@code members} must include the subscriber itself. */
    public static String presenceSubscriptionSucceeded(String channel, Collection<PresenceMember> members) {
        StringBuilder data = new StringBuilder(64 + members.size() * 32).append("{\"presence\":{\"ids\":[");
        boolean first = true;
        for (PresenceMember member : members) {
            if (!first) {
                data.append(',');
            }
            JsonText.appendQuoted(data, member.userId());
            first = false;
        }
        data.append("],\"hash\":{");
        first = true;
        for (PresenceMember member : members) {
            if (!first) {
                data.append(',');
            }
            JsonText.appendQuoted(data, member.userId()).append(':').append(infoOrNull(member));
            first = false;
        }
        data.append("},\"count\":").append(members.size()).append("}}");
        return frame(SUBSCRIPTION_SUCCEEDED, channel, data.toString(), null);
    }

    public static String subscriptionError(String channel, SubscriptionErrorType type, String error) {
        StringBuilder data = new StringBuilder(96).append("{\"type\":");
        JsonText.appendQuoted(data, type.type()).append(",\"error\":");
        JsonText.appendQuoted(data, error).append(",\"status\":").append(type.status()).append('}');
        return frame(SUBSCRIPTION_ERROR, channel, data.toString(), null);
    }

    public static String memberAdded(String channel, PresenceMember member) {
        StringBuilder data = new StringBuilder(64).append("{\"user_id\":");
        JsonText.appendQuoted(data, member.userId()).append(",\"user_info\":").append(infoOrNull(member)).append('}');
        return frame(MEMBER_ADDED, channel, data.toString(), null);
    }

    public static String memberRemoved(String channel, String userId) {
        StringBuilder data = new StringBuilder(32).append("{\"user_id\":");
        JsonText.appendQuoted(data, userId).append('}');
        return frame(MEMBER_REMOVED, channel, data.toString(), null);
    }

    public static String subscriptionCount(String channel, long count) {
        return frame(SUBSCRIPTION_COUNT, channel, "{\"subscription_count\":" + count + "}", null);
    }

    public static String cacheMiss(String channel) {
        StringBuilder out = new StringBuilder(48).append("{\"event\":\"pusher:cache_miss\",\"channel\":");
        return JsonText.appendQuoted(out, channel).append('}').toString();
    }

    public static String signinSuccess(String userData) {
        StringBuilder out = new StringBuilder(64 + userData.length()).append("{\"event\":\"pusher:signin_success\",\"data\":{\"user_data\":");
        return JsonText.appendQuoted(out, userData).append("}}").toString();
    }

    public static String watchlistEvents(List<WatchlistEvent> events) {
        StringBuilder out = new StringBuilder(96).append("{\"event\":\"pusher_internal:watchlist_events\",\"data\":{\"events\":[");
        for (int i = 0; i < events.size(); i++) {
            WatchlistEvent event = events.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"name\":\"").append(event.kind().wireName()).append("\",\"user_ids\":[");
            for (int j = 0; j < event.userIds().size(); j++) {
                if (j > 0) {
                    out.append(',');
                }
                JsonText.appendQuoted(out, event.userIds().get(j));
            }
            out.append("]}");
        }
        return out.append("]}}").toString();
    }

    /**
     * A channel event: published over HTTP (data verbatim), a client event (with {@code userId} on presence
     * channels), or an event on a {@code #server-to-user-} channel. {@code data} and {@code userId} are omitted
     * when {@code null}.
     */
    public static String channelEvent(String event, String channel, String data, String userId) {
        return frame(event, channel, data, userId);
    }

    private static String infoOrNull(PresenceMember member) {
        return member.userInfo() == null ? "null" : member.userInfo();
    }

    private static String frame(String event, String channel, String data, String userId) {
        StringBuilder out = new StringBuilder(32 + event.length() + (channel == null ? 0 : channel.length())
                + (data == null ? 0 : data.length() + data.length() / 8 + 8));
        out.append("{\"event\":");
        JsonText.appendQuoted(out, event);
        if (channel != null) {
            out.append(",\"channel\":");
            JsonText.appendQuoted(out, channel);
        }
        if (data != null) {
            out.append(",\"data\":");
            JsonText.appendQuoted(out, data);
        }
        if (userId != null) {
            out.append(",\"user_id\":");
            JsonText.appendQuoted(out, userId);
        }
        return out.append('}').toString();
    }
}
