package dev.starling.gateway.ws;

import jakarta.enterprise.context.ApplicationScoped;

import dev.starling.gateway.channel.SubscriptionService;
import dev.starling.gateway.clientevent.ClientEventService;
import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.connection.Connection;
import dev.starling.gateway.connection.Frame;
import dev.starling.gateway.connection.Traffic;
import dev.starling.gateway.metrics.GatewayMetrics;
import dev.starling.gateway.time.GatewayClock;
import dev.starling.gateway.user.SigninService;
import dev.starling.protocol.frame.ClientFrame;
import dev.starling.protocol.frame.FrameDecoder;
import dev.starling.protocol.frame.ServerFrames;

/**
 * Decodes each client frame and hands it to the service for its concern. Every frame counts as activity. Bad input
 * (oversized, malformed, unknown events) is answered with {@code pusher:error}; the connection stays open.
 */
@ApplicationScoped
public class FrameRouter {

    private static final Frame PONG = Frame.shared(ServerFrames.pong());

    private final SubscriptionService subscriptions;
    private final ClientEventService clientEvents;
    private final SigninService signin;
    private final GatewayClock clock;
    private final int maxFrameBytes;
    private final Traffic traffic;

    public FrameRouter(SubscriptionService subscriptions, ClientEventService clientEvents, SigninService signin,
            GatewayClock clock, GatewayConfig config, GatewayMetrics metrics) {
        this.traffic = metrics.traffic();
        this.subscriptions = subscriptions;
        this.clientEvents = clientEvents;
        this.signin = signin;
        this.clock = clock;
        this.maxFrameBytes = config.limits().maxFrameBytes();
    }

    public void onText(Connection connection, String text) {
        connection.touch(clock.millis());
        traffic.received(text.length());
        if (text.length() > maxFrameBytes || Frame.utf8Length(text) > maxFrameBytes) {
            onOversized(connection);
            return;
        }
        switch (FrameDecoder.decode(text)) {
            case ClientFrame.Ping ping -> connection.send(PONG);
            case ClientFrame.Pong pong -> {
            }
            case ClientFrame.Subscribe subscribe -> subscriptions.subscribe(connection, subscribe);
            case ClientFrame.Unsubscribe unsubscribe -> subscriptions.unsubscribe(connection, unsubscribe.channel());
            case ClientFrame.Signin request -> signin.signin(connection, request);
            case ClientFrame.ClientEvent event -> clientEvents.handle(connection, event);
            case ClientFrame.Unknown unknown -> connection.send(ServerFrames.error(null, "Unsupported event " + unknown.event()));
            case ClientFrame.Invalid invalid -> connection.send(ServerFrames.error(null, "Invalid frame: " + invalid.reason()));
        }
    }

    /** A frame over the size limit was dropped (here, or by the transport before it reached {@link #onText}). */
    public void onOversized(Connection connection) {
        connection.send(ServerFrames.error(null, "Frame is larger than " + maxFrameBytes + " bytes and was dropped"));
    }

    public void onBinary(Connection connection) {
        connection.touch(clock.millis());
        connection.send(ServerFrames.error(null, "Binary frames are not supported; send JSON text frames"));
    }

    public void onPong(Connection connection) {
        connection.touch(clock.millis());
    }
}
