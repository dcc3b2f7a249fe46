package dev.starling.loadgen.client;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.starling.loadgen.stats.EpochMicros;
import dev.starling.protocol.auth.SocketAuth;
import dev.starling.protocol.json.JsonText;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * One Pusher client connection: WebSocket handshake, {@code connection_established}, one subscription (signed locally
 * for private and presence channels), {@code pusher:ping} answered with {@code pusher:pong}. Holds no buffers of its
 * own and no thread: everything runs on the Vert.x event loop the socket belongs to.
 */
public final class PusherConnection {

    public enum State { CONNECTING, OPEN, SUBSCRIBING, SUBSCRIBED, UNSUBSCRIBED, CLOSED }

    private static final String PING = "pusher:ping";
    private static final String PONG_FRAME = "{\"event\":\"pusher:pong\",\"data\":{}}";

    private final int index;
    private final String channel;
    private final String channelData;
    private final boolean slow;
    private final boolean subscribeOnConnect;
    private final int portIndex;
    private final String appKey;
    private final String appSecret;
    private final String eventName;
    private final ConnectionListener listener;
    private final AtomicBoolean resolved = new AtomicBoolean();
    private final long startedNanos = System.nanoTime();
    private volatile State state = State.CONNECTING;
    private volatile WebSocket socket;
    private volatile String socketId;
    private volatile boolean closedByUs;

    /**
     * @param slow a slow consumer, counted apart
     * @param subscribeOnConnect subscribe right after {@code connection_established}; else wait for
     *        {@link #subscribe()}
     */
    public PusherConnection(int index, String channel, String channelData, boolean slow, boolean subscribeOnConnect,
            int portIndex, String appKey, String appSecret, String eventName, ConnectionListener listener) {
        this.index = index;
        this.channel = channel;
        this.channelData = channelData;
        this.slow = slow;
        this.subscribeOnConnect = subscribeOnConnect;
        this.portIndex = portIndex;
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.eventName = eventName;
        this.listener = listener;
    }

    public void connect(WebSocketClient client, String host, int port, int protocol) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(host).setPort(port)
                .setURI("/app/" + appKey + "?protocol=" + protocol + "&client=starling-loadgen&version=0.1.0");
        client.connect(options).onComplete(result -> {
            if (result.failed()) {
                state = State.CLOSED;
                listener.connectFailed(this, result.cause());
                return;
            }
            WebSocket ws = result.result();
            socket = ws;
            state = State.OPEN;
            ws.textMessageHandler(this::onText);
            ws.exceptionHandler(ignored -> {
                // a failing socket is closed by Vert.x and reported through the close handler
            });
            ws.closeHandler(ignored -> {
                state = State.CLOSED;
                Short code = ws.closeStatusCode();
                listener.closed(this, code == null ? -1 : code);
            });
            if (closedByUs) { // given up (timeout) while the handshake was under way
                ws.close();
            }
        });
    }

    private void onText(String frame) {
        if (FrameScan.isEvent(frame, eventName)) {
            listener.delivery(this, frame, EpochMicros.now());
            return;
        }
        String event = FrameScan.event(frame);
        if (event == null) {
            return;
        }
        switch (event) {
            case "pusher:connection_established" -> {
                socketId = FrameScan.socketId(frame);
                listener.established(this);
                if (subscribeOnConnect) {
                    subscribe();
                }
            }
            case "pusher_internal:subscription_succeeded" -> {
                state = State.SUBSCRIBED;
                listener.subscribed(this);
            }
            case PING -> send(PONG_FRAME);
            case "pusher_internal:member_added" -> listener.memberEvent(this, true);
            case "pusher_internal:member_removed" -> listener.memberEvent(this, false);
            case "pusher:error", "pusher:subscription_error" -> listener.refused(this, frame);
            default -> {
                // subscription counts, cache misses and the like are not measured
            }
        }
    }

    /** Sends {@code pusher:subscribe} (again, after {@link #unsubscribe()}); needs the socket id. */
    public void subscribe() {
        if (socketId == null || state == State.CLOSED) {
            return;
        }
        state = State.SUBSCRIBING;
        send(subscribeFrame(appKey, appSecret, socketId, channel, channelData));
    }

    /** Sends {@code pusher:unsubscribe}; the protocol has no reply. */
    public void unsubscribe() {
        if (state != State.SUBSCRIBED) {
            return;
        }
        state = State.UNSUBSCRIBED;
        send("{\"event\":\"pusher:unsubscribe\",\"data\":{\"channel\":" + JsonText.quote(channel) + "}}");
    }

    public static String subscribeFrame(String key, String secret, String socketId, String channel,
            String channelData) {
        StringBuilder frame = new StringBuilder(160).append("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":");
        JsonText.appendQuoted(frame, channel);
        if (channel.startsWith(ChannelKind.PRIVATE.prefix()) || channel.startsWith(ChannelKind.PRESENCE.prefix())) {
            frame.append(",\"auth\":");
            JsonText.appendQuoted(frame, SocketAuth.signChannel(key, secret, socketId, channel, channelData));
        }
        if (channelData != null) {
            frame.append(",\"channel_data\":");
            JsonText.appendQuoted(frame, channelData);
        }
        return frame.append("}}").toString();
    }

    /** Stops reading from the socket: the server's writes pile up in the kernel buffers and then in its queue. */
    public void pause() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.pause();
        }
    }

    /** Reads again after {@link #pause()}. */
    public void resume() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.resume();
        }
    }

    public void close() {
        WebSocket ws = socket;
        closedByUs = true;
        if (ws != null && state != State.CLOSED) {
            ws.close();
        }
    }

    private void send(String text) {
        WebSocket ws = socket;
        if (ws != null && !ws.isClosed()) {
            ws.writeTextMessage(text);
        }
    }

    /** First call returns true: for owners that must count a connection's outcome exactly once. */
    public boolean resolve() {
        return resolved.compareAndSet(false, true);
    }

    public int index() {
        return index;
    }

    public String channel() {
        return channel;
    }

    public boolean slow() {
        return slow;
    }

    public int portIndex() {
        return portIndex;
    }

    public State state() {
        return state;
    }

    public String socketId() {
        return socketId;
    }

    public boolean closedByUs() {
        return closedByUs;
    }

    public long startedNanos() {
        return startedNanos;
    }
}
