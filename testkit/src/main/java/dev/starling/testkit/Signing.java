package dev.starling.testkit;

import dev.starling.protocol.auth.SocketAuth;
import dev.starling.protocol.json.JsonText;

/** What an app's auth endpoint would return, and ready-made client frames. */
public final class Signing {

    private Signing() {
    }

    public static String channelAuth(AppCredentials app, String socketId, String channel) {
        return SocketAuth.signChannel(app.key(), app.secret(), socketId, channel, null);
    }

    public static String presenceAuth(AppCredentials app, String socketId, String channel, String channelData) {
        return SocketAuth.signChannel(app.key(), app.secret(), socketId, channel, channelData);
    }

    public static String userAuth(AppCredentials app, String socketId, String userData) {
        return SocketAuth.signUser(app.key(), app.secret(), socketId, userData);
    }

    public static String subscribe(String channel) {
        return "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":" + JsonText.quote(channel) + "}}";
    }

    public static String subscribePrivate(AppCredentials app, String socketId, String channel) {
        return "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":" + JsonText.quote(channel) + ",\"auth\":"
                + JsonText.quote(channelAuth(app, socketId, channel)) + "}}";
    }

    public static String subscribePresence(AppCredentials app, String socketId, String channel, String userId, String userInfo) {
        String channelData = "{\"user_id\":" + JsonText.quote(userId) + (userInfo == null ? "" : ",\"user_info\":" + userInfo)
                + "}";
        return "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":" + JsonText.quote(channel) + ",\"auth\":"
                + JsonText.quote(presenceAuth(app, socketId, channel, channelData)) + ",\"channel_data\":"
                + JsonText.quote(channelData) + "}}";
    }

    public static String signin(AppCredentials app, String socketId, String userData) {
        return "{\"event\":\"pusher:signin\",\"data\":{\"auth\":" + JsonText.quote(userAuth(app, socketId, userData))
                + ",\"user_data\":" + JsonText.quote(userData) + "}}";
    }

    public static String clientEvent(String channel, String event, String dataJson) {
        return "{\"event\":" + JsonText.quote(event) + ",\"channel\":" + JsonText.quote(channel) + ",\"data\":" + dataJson + "}";
    }

    public static String unsubscribe(String channel) {
        return "{\"event\":\"pusher:unsubscribe\",\"data\":{\"channel\":" + JsonText.quote(channel) + "}}";
    }
}
