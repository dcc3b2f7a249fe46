package dev.starling.push.publish;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.starling.protocol.json.Json;
import dev.starling.protocol.push.BeamsNames;
import dev.starling.push.config.PushConfig;
import dev.starling.push.device.Platform;
import dev.starling.push.error.ApiError;

/**
 * Checks a Beams publish body before anything is stored: a JSON object with 1–100 valid interests (or 1–1000 user
 * ids), at least one of {@code web}, {@code fcm}, {@code apns} (each an object; {@code apns} needs {@code aps}), and
 * every platform's payload, with the {@code data.pusher} metadata added, within that provider's size limit.
 */
@ApplicationScoped
public class PublishRequests {

    /** A checked publish: its targets and the platform objects to store (in the order received). */
    public record Checked(List<String> targets, String request) {
    }

    private final PushConfig.Limits limits;

    public PublishRequests(PushConfig config) {
        this.limits = config.limits();
    }

    public Checked toInterests(String instanceId, String body) {
        ObjectNode root = object(body);
        List<String> interests = strings(root, "interests", BeamsNames.MAX_INTERESTS_PER_PUBLISH);
        for (String interest : interests) {
            if (!BeamsNames.isValidInterest(interest)) {
                throw ApiError.BAD_REQUEST.with("Interest \"" + interest + "\" is not valid: at most "
                        + BeamsNames.MAX_INTEREST_LENGTH + " characters of A-Z, a-z, 0-9 and _-=@,.;");
            }
        }
        return new Checked(interests, platforms(instanceId, root));
    }

    public Checked toUsers(String instanceId, String body) {
        ObjectNode root = object(body);
        List<String> users = strings(root, "users", BeamsNames.MAX_USERS_PER_PUBLISH);
        for (String user : users) {
            if (!BeamsNames.isValidUserId(user)) {
                throw ApiError.BAD_REQUEST.with("User id \"" + user + "\" is not valid: 1 to "
                        + BeamsNames.MAX_USER_ID_LENGTH + " characters");
            }
        }
        return new Checked(users, platforms(instanceId, root));
    }

    private ObjectNode object(String body) {
        if (body == null || body.isBlank()) {
            throw ApiError.BAD_REQUEST.with("The request body must be a JSON object");
        }
        if (body.length() > limits.maxRequestBytes()) {
            throw ApiError.PAYLOAD_TOO_LARGE.with("The request body exceeds " + limits.maxRequestBytes() + " bytes");
        }
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            if (root instanceof ObjectNode object) {
                return object;
            }
        } catch (Exception e) {
            // answered below
        }
        throw ApiError.BAD_REQUEST.with("The request body must be a JSON object");
    }

    private static List<String> strings(ObjectNode root, String name, int max) {
        JsonNode array = root.get(name);
        if (array == null || !array.isArray()) {
            throw ApiError.BAD_REQUEST.with("'" + name + "' must be an array");
        }
        if (array.isEmpty()) {
            throw ApiError.BAD_REQUEST.with("Publish requests must target at least one of '" + name + "'");
        }
        if (array.size() > max) {
            throw ApiError.BAD_REQUEST.with("Number of " + name + " (" + array.size() + ") exceeds maximum of " + max);
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                throw ApiError.BAD_REQUEST.with("'" + name + "' must hold strings only");
            }
            values.add(element.textValue());
        }
        return new ArrayList<>(values);
    }

    private String platforms(String instanceId, ObjectNode root) {
        ObjectNode request = Json.MAPPER.createObjectNode();
        for (Platform platform : Platform.values()) {
            JsonNode value = root.get(platform.publishKey());
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isObject()) {
                throw ApiError.BAD_REQUEST.with("'" + platform.publishKey() + "' must be an object");
            }
            request.set(platform.publishKey(), value);
        }
        if (request.isEmpty()) {
            throw ApiError.BAD_REQUEST.with("A publish needs at least one of 'web', 'fcm' and 'apns'");
        }
        checkWeb(request.get("web"));
        checkFcm(request.get("fcm"));
        checkApns(request.get("apns"));
        String text = request.toString();
        checkSize(Platform.WEB, PushPayloads.web(text, instanceId, PushPayloads.SIZE_PROBE_PUBLISH_ID),
                limits.maxWebPayloadBytes());
        checkSize(Platform.FCM, PushPayloads.fcmPayloadProbe(text, instanceId),
                limits.maxFcmPayloadBytes());
        checkSize(Platform.APNS, PushPayloads.apns(text, instanceId, PushPayloads.SIZE_PROBE_PUBLISH_ID),
                limits.maxApnsPayloadBytes());
        return text;
    }

    private static void checkWeb(JsonNode web) {
        if (web == null) {
            return;
        }
        optionalObject(web, "notification", "web");
        optionalObject(web, "data", "web");
        JsonNode ttl = web.get("time_to_live");
        if (ttl != null && !(ttl.isIntegralNumber() && ttl.asLong() >= 0 && ttl.asLong() <= 2_419_200)) {
            throw ApiError.BAD_REQUEST.with("'web.time_to_live' must be a number of seconds from 0 to 2419200");
        }
    }

    private static void checkFcm(JsonNode fcm) {
        if (fcm == null) {
            return;
        }
        optionalObject(fcm, "notification", "fcm");
        optionalObject(fcm, "data", "fcm");
        optionalObject(fcm, "android", "fcm");
    }

    private static void checkApns(JsonNode apns) {
        if (apns == null) {
            return;
        }
        JsonNode aps = apns.get("aps");
        if (aps == null || !aps.isObject()) {
            throw ApiError.BAD_REQUEST.with("'apns.aps' must be an object");
        }
        optionalObject(apns, "data", "apns");
    }

    private static void optionalObject(JsonNode parent, String name, String where) {
        JsonNode node = parent.get(name);
        if (node != null && !node.isObject()) {
            throw ApiError.BAD_REQUEST.with("'" + where + "." + name + "' must be an object");
        }
    }

    private static void checkSize(Platform platform, String payload, int max) {
        if (payload != null && payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > max) {
            throw ApiError.PAYLOAD_TOO_LARGE.with("The " + platform.publishKey() + " payload exceeds " + max
                    + " bytes (with the notification's metadata)");
        }
    }
}
