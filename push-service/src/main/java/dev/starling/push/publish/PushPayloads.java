package dev.starling.push.publish;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.starling.protocol.json.Json;

/**
 * What each provider is sent for a publish, in the shape the official Beams client SDKs read:
 * <ul>
 *   <li><b>Web Push</b>: the publish's {@code web} object (without {@code time_to_live}, which becomes the TTL
 *       header) with {@code data.pusher = {"instanceId","publishId","hasDisplayableContent","hasData"}} — what the
 *       Beams service worker checks before showing {@code notification}.</li>
 *   <li><b>APNs</b>: the {@code apns} object with {@code data.pusher = {"instanceId","publishId"}} (the iOS SDK reads
 *       both from {@code userInfo["data"]["pusher"]}).</li>
 *   <li><b>FCM</b>: an HTTP v1 message built from the Beams {@code fcm} object (the legacy FCM format):
 *       {@code notification.title/body/image} → {@code message.notification}, the other notification keys →
 *       {@code message.android.notification}, {@code data} → {@code message.data} (values as strings),
 *       {@code priority}/{@code time_to_live}/{@code collapse_key} → {@code message.android}; plus
 *       {@code data.pusher}, a JSON string {@code {"instanceId","publishId","clickAction","hasDisplayableContent",
 *       "hasData"}} (the Android SDK reads {@code intent.getStringExtra("pusher")}).</li>
 * </ul>
 */
public final class PushPayloads {

    /** A publish id of the real length, for size checks before the id exists. */
    public static final String SIZE_PROBE_PUBLISH_ID = "pubid-00000000-0000-0000-0000-000000000000";

    private static final Set<String> FCM_COMMON_NOTIFICATION = Set.of("title", "body", "image");
    private static final Map<String, String> FCM_ANDROID_NOTIFICATION = Map.ofEntries(
            Map.entry("icon", "icon"), Map.entry("color", "color"), Map.entry("sound", "sound"),
            Map.entry("tag", "tag"), Map.entry("click_action", "click_action"),
            Map.entry("body_loc_key", "body_loc_key"), Map.entry("body_loc_args", "body_loc_args"),
            Map.entry("title_loc_key", "title_loc_key"), Map.entry("title_loc_args", "title_loc_args"),
            Map.entry("android_channel_id", "channel_id"), Map.entry("channel_id", "channel_id"));

    private PushPayloads() {
    }

    /** The Web Push plaintext, or {@code null} when the publish has no {@code web} object. */
    public static String web(String request, String instanceId, String publishId) {
        JsonNode web = parse(request).get("web");
        if (web == null) {
            return null;
        }
        ObjectNode payload = web.deepCopy();
        payload.remove("time_to_live");
        JsonNode data = payload.get("data");
        boolean hasData = data != null && data.isObject() && !data.isEmpty();
        ObjectNode outData = data instanceof ObjectNode object ? object : payload.putObject("data");
        ObjectNode pusher = Json.MAPPER.createObjectNode().put("instanceId", instanceId).put("publishId", publishId)
                .put("hasDisplayableContent", payload.has("notification")).put("hasData", hasData);
        outData.set("pusher", pusher);
        return payload.toString();
    }

    /** The {@code TTL} header for Web Push: the publish's {@code web.time_to_live}, else {@code fallback}. */
    public static int webTimeToLive(String request, int fallback) {
        JsonNode ttl = parse(request).path("web").get("time_to_live");
        return ttl != null && ttl.isIntegralNumber() ? ttl.intValue() : fallback;
    }

    /** The APNs payload, or {@code null} when the publish has no {@code apns} object. */
    public static String apns(String request, String instanceId, String publishId) {
        JsonNode apns = parse(request).get("apns");
        if (apns == null) {
            return null;
        }
        ObjectNode payload = apns.deepCopy();
        ObjectNode data = payload.get("data") instanceof ObjectNode object ? object : payload.putObject("data");
        data.set("pusher", Json.MAPPER.createObjectNode().put("instanceId", instanceId).put("publishId", publishId));
        return payload.toString();
    }

    /** The FCM v1 request body {@code {"message":{…}}} for one device, or {@code null} without an {@code fcm} object. */
    public static ObjectNode fcm(String request, String instanceId, String publishId, String token) {
        JsonNode fcm = parse(request).get("fcm");
        if (fcm == null) {
            return null;
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode message = body.putObject("message");
        message.put("token", token);
        ObjectNode android = fcm.get("android") instanceof ObjectNode given ? given.deepCopy()
                : Json.MAPPER.createObjectNode();
        JsonNode notification = fcm.get("notification");
        String clickAction = null;
        if (notification instanceof ObjectNode n && !n.isEmpty()) {
            ObjectNode common = Json.MAPPER.createObjectNode();
            ObjectNode androidNotification = android.get("notification") instanceof ObjectNode given ? given
                    : Json.MAPPER.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (FCM_COMMON_NOTIFICATION.contains(field.getKey())) {
                    common.set(field.getKey(), field.getValue());
                } else if (FCM_ANDROID_NOTIFICATION.containsKey(field.getKey())) {
                    androidNotification.set(FCM_ANDROID_NOTIFICATION.get(field.getKey()), field.getValue());
                }
            }
            if (!common.isEmpty()) {
                message.set("notification", common);
            }
            if (!androidNotification.isEmpty()) {
                android.set("notification", androidNotification);
            }
            clickAction = n.path("click_action").isTextual() ? n.get("click_action").textValue() : null;
        }
        ObjectNode data = message.putObject("data");
        JsonNode given = fcm.get("data");
        boolean hasData = given != null && given.isObject() && !given.isEmpty();
        if (hasData) {
            for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                data.put(field.getKey(), field.getValue().isTextual() ? field.getValue().textValue()
                        : field.getValue().toString());
            }
        }
        ObjectNode pusher = Json.MAPPER.createObjectNode().put("instanceId", instanceId).put("publishId", publishId);
        if (clickAction != null) {
            pusher.put("clickAction", clickAction);
        }
        pusher.put("hasDisplayableContent", notification != null && !notification.isEmpty()).put("hasData", hasData);
        data.put("pusher", pusher.toString());
        JsonNode priority = fcm.get("priority");
        if (priority != null && priority.isTextual()) {
            android.put("priority", "high".equalsIgnoreCase(priority.textValue()) ? "HIGH" : "NORMAL");
        }
        JsonNode ttl = fcm.get("time_to_live");
        if (ttl != null && ttl.isIntegralNumber()) {
            android.put("ttl", ttl.longValue() + "s");
        }
        JsonNode collapse = fcm.get("collapse_key");
        if (collapse != null && collapse.isTextual()) {
            android.put("collapse_key", collapse.textValue());
        }
        if (!android.isEmpty()) {
            message.set("android", android);
        }
        return body;
    }

    /** What FCM counts against its 4 KB message limit (notification and data), for the size check at accept. */
    static String fcmPayloadProbe(String request, String instanceId) {
        ObjectNode body = fcm(request, instanceId, SIZE_PROBE_PUBLISH_ID, "");
        if (body == null) {
            return null;
        }
        ObjectNode message = (ObjectNode) body.get("message");
        ObjectNode probe = Json.MAPPER.createObjectNode();
        probe.set("notification", message.get("notification"));
        probe.set("data", message.get("data"));
        return probe.toString();
    }

    private static JsonNode parse(String request) {
        try {
            return Json.MAPPER.readTree(request);
        } catch (Exception e) {
            throw new IllegalArgumentException("stored publish request is not JSON", e);
        }
    }
}
