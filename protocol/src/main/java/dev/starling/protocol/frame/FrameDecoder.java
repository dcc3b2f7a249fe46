package dev.starling.protocol.frame;

import java.util.Map;

import dev.starling.protocol.Parsed;
import dev.starling.protocol.json.JsonObjectFields;
import dev.starling.protocol.json.JsonObjectFields.Field;

/**
 * Decodes client text frames. Thread-safe and stateless; {@link #decode(String)} never throws, whatever the input.
 *
 * <p>Tolerances that real clients rely on: {@code pusher:ping} may come without {@code data} (pusher-java-client),
 * and the {@code data} of {@code pusher:subscribe} / {@code pusher:signin} may be an object or a string holding one.
 */
public final class FrameDecoder {

    public static final String PING = "pusher:ping";
    public static final String PONG = "pusher:pong";
    public static final String SUBSCRIBE = "pusher:subscribe";
    public static final String UNSUBSCRIBE = "pusher:unsubscribe";
    public static final String SIGNIN = "pusher:signin";
    public static final String CLIENT_EVENT_PREFIX = "client-";

    private FrameDecoder() {
    }

    public static ClientFrame decode(String text) {
        Parsed<Map<String, Field>> parsed = JsonObjectFields.parse(text);
        if (!parsed.isOk()) {
            return new ClientFrame.Invalid(parsed.reason());
        }
        Map<String, Field> frame = parsed.value();
        Field event = frame.get("event");
        if (event == null || !event.isString()) {
            return new ClientFrame.Invalid("Frame has no string 'event' field");
        }
        String name = event.text();
        Field data = frame.get("data");
        return switch (name) {
            case PING -> new ClientFrame.Ping();
            case PONG -> new ClientFrame.Pong();
            case SUBSCRIBE -> subscribe(data);
            case UNSUBSCRIBE -> unsubscribe(data);
            case SIGNIN -> signin(data);
            default -> name.startsWith(CLIENT_EVENT_PREFIX) ? clientEvent(name, frame.get("channel"), data)
                    : new ClientFrame.Unknown(name);
        };
    }

    private static ClientFrame subscribe(Field data) {
        Parsed<Map<String, Field>> object = dataObject(data, SUBSCRIBE);
        if (!object.isOk()) {
            return new ClientFrame.Invalid(object.reason());
        }
        Map<String, Field> fields = object.value();
        Field channel = fields.get("channel");
        if (channel == null || !channel.isString()) {
            return new ClientFrame.Invalid("pusher:subscribe needs a string 'channel'");
        }
        Parsed<String> auth = optionalString(fields, "auth");
        Parsed<String> channelData = optionalString(fields, "channel_data");
        if (!auth.isOk()) {
            return new ClientFrame.Invalid(auth.reason());
        }
        if (!channelData.isOk()) {
            return new ClientFrame.Invalid(channelData.reason());
        }
        return new ClientFrame.Subscribe(channel.text(), auth.value(), channelData.value(),
                Replay.parse(fields.get("rewind"), fields.get("resume")));
    }

    private static ClientFrame unsubscribe(Field data) {
        Parsed<Map<String, Field>> object = dataObject(data, UNSUBSCRIBE);
        if (!object.isOk()) {
            return new ClientFrame.Invalid(object.reason());
        }
        Field channel = object.value().get("channel");
        if (channel == null || !channel.isString()) {
            return new ClientFrame.Invalid("pusher:unsubscribe needs a string 'channel'");
        }
        return new ClientFrame.Unsubscribe(channel.text());
    }

    private static ClientFrame signin(Field data) {
        Parsed<Map<String, Field>> object = dataObject(data, SIGNIN);
        if (!object.isOk()) {
            return new ClientFrame.Invalid(object.reason());
        }
        Field auth = object.value().get("auth");
        Field userData = object.value().get("user_data");
        if (auth == null || !auth.isString() || userData == null || !userData.isString()) {
            return new ClientFrame.Invalid("pusher:signin needs string 'auth' and 'user_data'");
        }
        return new ClientFrame.Signin(auth.text(), userData.text());
    }

    private static ClientFrame clientEvent(String name, Field channel, Field data) {
        if (channel != null && !channel.isString() && !channel.isNull()) {
            return new ClientFrame.Invalid("Client event 'channel' must be a string");
        }
        String channelName = channel == null || channel.isNull() ? null : channel.text();
        String payload = data == null ? null : data.isString() ? data.text() : data.raw();
        return new ClientFrame.ClientEvent(name, channelName, payload);
    }

    private static Parsed<Map<String, Field>> dataObject(Field data, String event) {
        if (data == null) {
            return Parsed.err(event + " has no 'data'");
        }
        if (data.isObject()) {
            return JsonObjectFields.parse(data.raw());
        }
        if (data.isString()) {
            Parsed<Map<String, Field>> inner = JsonObjectFields.parse(data.text());
            return inner.isOk() ? inner : Parsed.err(event + " 'data' string is not a JSON object");
        }
        return Parsed.err(event + " 'data' must be an object");
    }

    private static Parsed<String> optionalString(Map<String, Field> fields, String name) {
        Field field = fields.get(name);
        if (field == null || field.isNull()) {
            return Parsed.ok(null);
        }
        return field.isString() ? Parsed.ok(field.text()) : Parsed.err("'" + name + "' must be a string");
    }
}
