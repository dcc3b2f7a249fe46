package dev.starling.protocol.push;

import java.util.List;

/**
 * A push publish accepted by push-service's HTTP API or by a gateway, as it travels on the {@code {prefix}push} topic
 * (key: the instance id) to push-service's consumer group {@code push}.
 *
 * <p>Exactly one of {@code interests} and {@code users} is set (the other is {@code null}). {@code request} is the
 * Beams publish body's JSON object text (its {@code web}, {@code fcm} and {@code apns} objects, and anything else it
 * held), carried verbatim so no field is lost or reordered between services.
 *
 * @param publishId    {@code pubid-…}, unique per publish; a consumer that sees it twice delivers it once
 * @param instanceId   the Beams instance it was published to
 * @param interests    the interests targeted, or {@code null}
 * @param users        the user ids targeted, or {@code null}
 * @param request      the publish body, a JSON object
 * @param acceptedAtMs when the publish was accepted (epoch milliseconds); retries and latency count from it
 */
public record PushPublish(String publishId, String instanceId, List<String> interests, List<String> users,
        String request, long acceptedAtMs) {

    public PushPublish {
        if ((interests == null) == (users == null)) {
            throw new IllegalArgumentException("exactly one of interests and users must be set");
        }
        interests = interests == null ? null : List.copyOf(interests);
        users = users == null ? null : List.copyOf(users);
    }

    public static PushPublish toInterests(String publishId, String instanceId, List<String> interests, String request,
            long acceptedAtMs) {
        return new PushPublish(publishId, instanceId, interests, null, request, acceptedAtMs);
    }

    public static PushPublish toUsers(String publishId, String instanceId, List<String> users, String request,
            long acceptedAtMs) {
        return new PushPublish(publishId, instanceId, null, users, request, acceptedAtMs);
    }

    /** The interests or the users, whichever this publish targets. */
    public List<String> targets() {
        return interests != null ? interests : users;
    }

    public boolean targetsUsers() {
        return users != null;
    }
}
