package dev.starling.gateway.webhook;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.gateway.cluster.ClusterState;
import dev.starling.gateway.support.ManualClock;
import dev.starling.testkit.Signing;
import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps.TestApp;
import dev.starling.testkit.WebhookReceiver;
import dev.starling.testkit.WsClient;

/**
 * One webhook test's clients and channels against the shared running gateway. {@link #close()} leaves the gateway
 * as it found it: every client closed, every debounced webhook sent and delivered, the clock back on real time — so
 * nothing of this test reaches the receiver during the next one.
 */
final class HookSession implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEBOUNCE = Duration.ofSeconds(3);
    /** How long "nothing more arrives" is watched for. */
    static final Duration QUIET = Duration.ofMillis(600);

    /** A connected client and its socket id. */
    record Socket(WsClient client, String socketId, TestApp app) {
    }

    private final int port;
    private final ManualClock clock;
    private final ClusterState state;
    private final WebhookDispatcher dispatcher;
    private final List<Socket> sockets = new ArrayList<>();
    private final List<String[]> channels = new ArrayList<>();

    HookSession(int port, ManualClock clock, ClusterState state, WebhookDispatcher dispatcher) {
        this.port = port;
        this.clock = clock;
        this.state = state;
        this.dispatcher = dispatcher;
        receiver().clear();
    }

    static WebhookReceiver receiver() {
        return StarlingTestResource.webhooks();
    }

    /** A channel name no other test uses. */
    String channel(TestApp app, String prefix) {
        String name = prefix + UUID.randomUUID().toString().substring(0, 8);
        channels.add(new String[] {app.id(), name});
        return name;
    }

    Socket connect(TestApp app) {
        WsClient client = WsClient.connect(port, app.key());
        Socket socket = new Socket(client, client.socketId(), app);
        sockets.add(socket);
        return socket;
    }

    void subscribe(Socket socket, String channel) {
        String frame = channel.startsWith("private-") ? Signing.subscribePrivate(socket.app(), socket.socketId(), channel)
                : Signing.subscribe(channel);
        socket.client().send(frame);
        awaitSucceeded(socket, channel);
    }

    void join(Socket socket, String channel, String userId) {
        socket.client().send(Signing.subscribePresence(socket.app(), socket.socketId(), channel, userId,
                "{\"name\":\"" + userId + "\"}"));
        awaitSucceeded(socket, channel);
    }

    void unsubscribe(Socket socket, String channel) {
        socket.client().send(Signing.unsubscribe(channel));
    }

    /** Waits until the cluster state shows {@code count} subscriptions on the channel. */
    void awaitSubscriptions(TestApp app, String channel, long count) {
        await().atMost(TIMEOUT).until(() -> state.channel(app.id(), channel).subscriptionCount() == count);
    }

    // ---- webhooks -----------------------------------------------------------------------------------------------

    /** Webhook events received on {@code path} for {@code channel}, in arrival order. */
    static List<JsonNode> events(String path, String channel) {
        return receiver().events(path, channel);
    }

    static List<String> names(String path, String channel) {
        return events(path, channel).stream().map(e -> e.path("name").asText()).toList();
    }

    /** Waits for {@code count} events named {@code name}; returns them. */
    static List<JsonNode> awaitEvents(String path, String channel, String name, int count) {
        await().atMost(TIMEOUT).until(() -> named(path, channel, name).size() >= count);
        return named(path, channel, name);
    }

    static List<JsonNode> named(String path, String channel, String name) {
        return events(path, channel).stream().filter(e -> name.equals(e.path("name").asText())).toList();
    }

    /** Asserts that the number of events named {@code name} stays {@code count} for a while. */
    static void assertStays(String path, String channel, String name, int count) {
        await().during(QUIET).atMost(QUIET.plus(TIMEOUT))
                .until(() -> named(path, channel, name).size() == count);
    }

    /** The requests whose body carries an event matching {@code event}. */
    static List<WebhookReceiver.Received> requests(String path, Predicate<JsonNode> event) {
        return receiver().received().stream()
                .filter(r -> r.path().equals(path) && r.events().stream().anyMatch(event))
                .toList();
    }

    static Predicate<JsonNode> event(String name, String channel) {
        return e -> name.equals(e.path("name").asText()) && channel.equals(e.path("channel").asText());
    }

    // ---- time ---------------------------------------------------------------------------------------------------

    void advance(Duration duration) {
        clock.advance(duration);
    }

    /** Waits until every accepted webhook was delivered or given up. */
    void awaitDispatcherIdle() {
        await().atMost(TIMEOUT).until(() -> dispatcher.pending() == 0);
    }

    /** Closes every client, lets the debounced webhooks go out and puts the clock back on real time. */
    @Override
    public void close() {
        try {
            sockets.forEach(s -> s.client().close());
            for (String[] channel : channels) {
                await().atMost(TIMEOUT).until(() -> !state.channel(channel[0], channel[1]).occupied());
            }
            clock.advance(DEBOUNCE);
            awaitDispatcherIdle();
        } finally {
            clock.reset();
            receiver().clear(); // also forgets failNext counts this test did not use up
        }
    }

    private static void awaitSucceeded(Socket socket, String channel) {
        while (true) {
            JsonNode frame = socket.client().nextEvent("pusher_internal:subscription_succeeded");
            if (channel.equals(frame.path("channel").asText())) {
                return;
            }
        }
    }
}
