package dev.starling.gateway.clientevent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.starling.gateway.connection.ConnectionRegistry;
import dev.starling.gateway.support.ManualClock;
import dev.starling.testkit.Signing;
import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import dev.starling.gateway.support.TestApps.TestApp;
import dev.starling.testkit.WsClient;
import dev.starling.gateway.wskit.Expected;
import dev.starling.gateway.wskit.Names;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Client events ({@code client-*}) over raw sockets: relayed exactly to the other subscribers and never echoed,
 * {@code user_id} added on presence channels, refused with {@code pusher:error} (connection kept, nothing delivered)
 * on public and encrypted channels, when not subscribed, when the app disables them, over the app's data limit and
 * over the rate of 10 per second; allowed on cache variants but never cached.
 *
 * <p>The DEMO app sends subscription_count on private channels, so subscribing here also consumes those frames,
 * exactly. Absence is asserted with a ping: a client event is relayed while the server handles it, so a pong the
 * receiver asks for afterwards arrives after it.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class ClientEventsTest {

    private static final TestApp APP = TestApps.DEMO;

    @TestHTTPResource("/")
    URL url;

    @Inject
    ManualClock clock;

    @Inject
    ConnectionRegistry connections;

    private final Map<WsClient, String> socketIds = new IdentityHashMap<>();

    @AfterEach
    void cleanUp() {
        clock.reset();
        await().atMost(WsClient.TIMEOUT).until(() -> connections.count(TestApps.LIMITED.id()) == 0);
    }

    @Test
    void onAPrivateChannelObjectDataIsRelayedAsItsJsonTextAndNeverEchoed() {
        String channel = Names.unique("private-");
        try (WsClient sender = connect(APP); WsClient receiver = connect(APP)) {
            subscribeBothToPrivate(sender, receiver, channel);

            sender.send("{\"event\":\"client-typing\",\"channel\":\"" + channel + "\",\"data\":{\"text\":\"hi\",\"n\":[1,2]}}");
            assertThat(receiver.next()).isEqualTo("{\"event\":\"client-typing\",\"channel\":\"" + channel
                    + "\",\"data\":\"{\\\"text\\\":\\\"hi\\\",\\\"n\\\":[1,2]}\"}");
            assertPongIsNext(sender);
        }
    }

    @Test
    void stringDataIsRelayedVerbatim() {
        String channel = Names.unique("private-");
        try (WsClient sender = connect(APP); WsClient receiver = connect(APP)) {
            subscribeBothToPrivate(sender, receiver, channel);

            sender.send("{\"event\":\"client-said\",\"channel\":\"" + channel + "\",\"data\":\"say \\\"hi\\\"\"}");
            assertThat(receiver.next()).isEqualTo(
                    "{\"event\":\"client-said\",\"channel\":\"" + channel + "\",\"data\":\"say \\\"hi\\\"\"}");
            assertPongIsNext(sender);
        }
    }

    @Test
    void onAPresenceChannelTheSendersUserIdIsAdded() {
        String channel = Names.unique("presence-");
        try (WsClient sender = connect(APP); WsClient receiver = connect(APP)) {
            subscribeBothToPresence(sender, receiver, channel);

            sender.send(Signing.clientEvent(channel, "client-moved", "{\"x\":1}"));
            assertThat(receiver.next()).isEqualTo("{\"event\":\"client-moved\",\"channel\":\"" + channel
                    + "\",\"data\":\"{\\\"x\\\":1}\",\"user_id\":\"sender\"}");
            assertPongIsNext(sender);
        }
    }

    @Test
    void aUserIdSentByTheClientIsNeverRelayed() {
        String presence = Names.unique("presence-");
        String privateChannel = Names.unique("private-");
        try (WsClient sender = connect(APP); WsClient receiver = connect(APP)) {
            subscribeBothToPresence(sender, receiver, presence);
            sender.send("{\"event\":\"client-x\",\"channel\":\"" + presence + "\",\"data\":\"d\",\"user_id\":\"admin\"}");
            assertThat(receiver.next()).isEqualTo("{\"event\":\"client-x\",\"channel\":\"" + presence
                    + "\",\"data\":\"d\",\"user_id\":\"sender\"}");

            sender.send(Signing.subscribePrivate(APP, socketIdOf(sender), privateChannel));
            assertThat(sender.next()).isEqualTo(Expected.succeeded(privateChannel));
            assertThat(sender.next()).isEqualTo(Expected.count(privateChannel, 1));
            receiver.send(Signing.subscribePrivate(APP, socketIdOf(receiver), privateChannel));
            assertThat(receiver.next()).isEqualTo(Expected.succeeded(privateChannel));
            assertThat(receiver.next()).isEqualTo(Expected.count(privateChannel, 2));
            assertThat(sender.next()).isEqualTo(Expected.count(privateChannel, 2));
            sender.send("{\"event\":\"client-x\",\"channel\":\"" + privateChannel + "\",\"data\":\"d\",\"user_id\":\"admin\"}");
            assertThat(receiver.next()).isEqualTo(Expected.event("client-x", privateChannel, "d"));
        }
    }

    @Test
    void publicChannelsRefuseClientEvents() {
        String channel = Names.unique("public-");
        try (WsClient sender = connect(APP); WsClient receiver = connect(APP)) {
            sender.socketId();
            receiver.socketId();
            sender.send(Signing.subscribe(channel));
            assertThat(sender.next()).isEqualTo(Expected.succeeded(channel));
            assertThat(sender.next()).isEqualTo(Expected.count(channel, 1));
            receiver.send(Signing.subscribe(channel));
            assertThat(receiver.next()).isEqualTo(Expected.succeeded(channel));
            assertThat(receiver.next()).isEqualTo(Expected.count(channel, 2));
            assertThat(sender.next()).isEqualTo(Expected.count(channel, 2));

            sender.send(Signing.clientEvent(channel, "client-x", "{}"));
            assertThat(sender.next()).isEqualTo(Expected.error(null,
                    "Client events are only supported on private and presence channels, not on " + channel));
            assertPongIsNext(receiver);
            assertPongIsNext(sender);
        }
    }

    @Test
    void privateEncryptedChannelsRefuseClientEvents() {
        String channel = Names.unique("private-encrypted-");
        try (WsClient sender = connect(APP); WsClient receiver = connect(APP)) {
            subscribeBothToPrivate(sender, receiver, channel);

            sender.send(Signing.clientEvent(channel, "client-x", "{\"nonce\":\"n\",\"ciphertext\":\"c\"}"));
            assertThat(sender.next()).isEqualTo(Expected.error(null,
                    "Client events are only supported on private and presence channels, not on " + channel));
            assertPongIsNext(receiver);
            assertPongIsNext(sender);
        }
    }

    @Test
    void aSenderThatIsNotSubscribedIsRefused() {
        String channel = Names.unique("private-");
        try (WsClient outsider = connect(APP); WsClient subscriber = connect(APP)) {
            outsider.socketId();
            String subscriberId = subscriber.socketId();
            subscriber.send(Signing.subscribePrivate(APP, subscriberId, channel));
            assertThat(subscriber.next()).isEqualTo(Expected.succeeded(channel));
            assertThat(subscriber.next()).isEqualTo(Expected.count(channel, 1));

            outsider.send(Signing.clientEvent(channel, "client-x", "{}"));
            assertThat(outsider.next()).isEqualTo(Expected.error(null, "Client event rejected: not subscribed to " + channel));
            assertPongIsNext(subscriber);
            assertPongIsNext(outsider);
        }
    }

    @Test
    void anAppWithoutClientEventsRefusesThem() {
        TestApp quiet = TestApps.QUIET;
        String channel = Names.unique("private-");
        try (WsClient sender = connect(quiet); WsClient receiver = connect(quiet)) {
            String senderId = sender.socketId();
            String receiverId = receiver.socketId();
            sender.send(Signing.subscribePrivate(quiet, senderId, channel));
            assertThat(sender.next()).isEqualTo(Expected.succeeded(channel));
            receiver.send(Signing.subscribePrivate(quiet, receiverId, channel));
            assertThat(receiver.next()).isEqualTo(Expected.succeeded(channel));

            sender.send(Signing.clientEvent(channel, "client-x", "{}"));
            assertThat(sender.next()).isEqualTo(Expected.error(null, "Client events are not enabled for this app"));
            assertPongIsNext(receiver);
            assertPongIsNext(sender);
        }
    }

    @Test
    void dataOverTheAppLimitIsRefusedAndDataAtTheLimitIsRelayed() {
        TestApp limited = TestApps.LIMITED;
        String channel = Names.unique("private-");
        try (WsClient sender = connect(limited); WsClient receiver = connect(limited)) {
            String senderId = sender.socketId();
            String receiverId = receiver.socketId();
            sender.send(Signing.subscribePrivate(limited, senderId, channel));
            assertThat(sender.next()).isEqualTo(Expected.succeeded(channel));
            receiver.send(Signing.subscribePrivate(limited, receiverId, channel));
            assertThat(receiver.next()).isEqualTo(Expected.succeeded(channel));

            sender.send(Signing.clientEvent(channel, "client-big", Expected.quote("x".repeat(65))));
            assertThat(sender.next()).isEqualTo(Expected.error(null, "Client event data is larger than 64 bytes"));

            sender.send(Signing.clientEvent(channel, "client-fits", Expected.quote("y".repeat(64))));
            assertThat(receiver.next()).isEqualTo(Expected.event("client-fits", channel, "y".repeat(64)));
            assertPongIsNext(sender);
        }
    }

    @Test
    void theEleventhEventWithinASecondIsRefusedWith4301UntilTimeMovesOn() {
        String channel = Names.unique("private-");
        try (WsClient sender = connect(APP); WsClient receiver = connect(APP)) {
            subscribeBothToPrivate(sender, receiver, channel);

            for (int i = 1; i <= 11; i++) {
                sender.send(Signing.clientEvent(channel, "client-n", "\"" + i + "\""));
            }
            assertThat(sender.next()).isEqualTo(Expected.error(4301,
                    "Client event rejected: more than 10 client events per second"));
            for (int i = 1; i <= 10; i++) {
                assertThat(receiver.next()).isEqualTo(Expected.event("client-n", channel, Integer.toString(i)));
            }
            assertPongIsNext(receiver);

            clock.advance(Duration.ofSeconds(1));
            sender.send(Signing.clientEvent(channel, "client-n", "\"again\""));
            assertThat(receiver.next()).isEqualTo(Expected.event("client-n", channel, "again"));
            assertPongIsNext(sender);
            assertThat(sender.isClosed()).isFalse();
        }
    }

    @Test
    void cacheVariantsRelayClientEventsButNeverCacheThem() {
        String privateCache = Names.unique("private-cache-");
        String presenceCache = Names.unique("presence-cache-");
        try (WsClient sender = connect(APP); WsClient receiver = connect(APP)) {
            String senderId = sender.socketId();
            String receiverId = receiver.socketId();
            sender.send(Signing.subscribePrivate(APP, senderId, privateCache));
            assertThat(sender.next()).isEqualTo(Expected.succeeded(privateCache));
            assertThat(sender.next()).isEqualTo(Expected.cacheMiss(privateCache));
            assertThat(sender.next()).isEqualTo(Expected.count(privateCache, 1));
            receiver.send(Signing.subscribePrivate(APP, receiverId, privateCache));
            assertThat(receiver.next()).isEqualTo(Expected.succeeded(privateCache));
            assertThat(receiver.next()).isEqualTo(Expected.cacheMiss(privateCache));
            assertThat(receiver.next()).isEqualTo(Expected.count(privateCache, 2));
            assertThat(sender.next()).isEqualTo(Expected.count(privateCache, 2));

            sender.send(Signing.clientEvent(privateCache, "client-c", "{\"v\":1}"));
            assertThat(receiver.next()).isEqualTo(Expected.event("client-c", privateCache, "{\"v\":1}"));

            sender.send(Signing.subscribePresence(APP, senderId, presenceCache, "s", null));
            assertThat(sender.next()).isEqualTo(Expected.presenceSucceeded(presenceCache,
                    "{\"presence\":{\"ids\":[\"s\"],\"hash\":{\"s\":null},\"count\":1}}"));
            assertThat(sender.next()).isEqualTo(Expected.cacheMiss(presenceCache));
            receiver.send(Signing.subscribePresence(APP, receiverId, presenceCache, "r", null));
            assertThat(receiver.next()).startsWith("{\"event\":\"pusher_internal:subscription_succeeded\"");
            assertThat(receiver.next()).isEqualTo(Expected.cacheMiss(presenceCache));
            assertThat(sender.next()).isEqualTo(Expected.memberAdded(presenceCache, "r", "null"));

            sender.send(Signing.clientEvent(presenceCache, "client-p", "{\"v\":2}"));
            assertThat(receiver.next()).isEqualTo("{\"event\":\"client-p\",\"channel\":\"" + presenceCache
                    + "\",\"data\":\"{\\\"v\\\":2}\",\"user_id\":\"s\"}");

            try (WsClient late = connect(APP)) {
                String lateId = late.socketId();
                late.send(Signing.subscribePrivate(APP, lateId, privateCache));
                assertThat(late.next()).isEqualTo(Expected.succeeded(privateCache));
                assertThat(late.next()).as("client events are not cached").isEqualTo(Expected.cacheMiss(privateCache));
                late.send(Signing.subscribePresence(APP, lateId, presenceCache, "l", null));
                assertThat(late.nextEvent("pusher_internal:subscription_succeeded").path("channel").asText())
                        .isEqualTo(presenceCache);
                assertThat(late.next()).as("client events are not cached").isEqualTo(Expected.cacheMiss(presenceCache));
            }
        }
    }

    private String socketIdOf(WsClient client) {
        return socketIds.get(client);
    }

    private WsClient connect(TestApp app) {
        return WsClient.connect(url.getPort(), app.key());
    }

    /**
     * Both subscribe (with auth) to a DEMO private channel; consumes the subscription_count frames that follow (none
     * on encrypted channels).
     */
    private static void subscribeBothToPrivate(WsClient first, WsClient second, String channel) {
        boolean counted = !channel.startsWith("private-encrypted-");
        String firstId = first.socketId();
        String secondId = second.socketId();
        first.send(Signing.subscribePrivate(APP, firstId, channel));
        assertThat(first.next()).isEqualTo(Expected.succeeded(channel));
        if (counted) {
            assertThat(first.next()).isEqualTo(Expected.count(channel, 1));
        }
        second.send(Signing.subscribePrivate(APP, secondId, channel));
        assertThat(second.next()).isEqualTo(Expected.succeeded(channel));
        if (counted) {
            assertThat(second.next()).isEqualTo(Expected.count(channel, 2));
            assertThat(first.next()).isEqualTo(Expected.count(channel, 2));
        }
    }

    /** {@code first} joins as user "sender", {@code second} as "receiver"; consumes the member_added. */
    private void subscribeBothToPresence(WsClient first, WsClient second, String channel) {
        String firstId = first.socketId();
        String secondId = second.socketId();
        socketIds.put(first, firstId);
        socketIds.put(second, secondId);
        first.send(Signing.subscribePresence(APP, firstId, channel, "sender", null));
        assertThat(first.next()).startsWith("{\"event\":\"pusher_internal:subscription_succeeded\"");
        second.send(Signing.subscribePresence(APP, secondId, channel, "receiver", null));
        assertThat(second.next()).startsWith("{\"event\":\"pusher_internal:subscription_succeeded\"");
        assertThat(first.next()).isEqualTo(Expected.memberAdded(channel, "receiver", "null"));
    }

    private static void assertPongIsNext(WsClient client) {
        client.send(Expected.PING);
        assertThat(client.next()).isEqualTo(Expected.PONG);
    }
}
