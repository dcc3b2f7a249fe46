package dev.starling.gateway.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.junit.jupiter.api.Test;

import dev.starling.testkit.Signing;
import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import dev.starling.testkit.WsClient;
import dev.starling.gateway.wskit.Api;
import dev.starling.gateway.wskit.Expected;
import dev.starling.gateway.wskit.Names;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Subscribing and unsubscribing, frame for frame: what succeeds, every way a subscription is refused (the socket
 * stays usable after each), the per-connection channel limit, and delivery stopping after unsubscribe. Runs on the
 * QUIET app so that no subscription_count frames interleave.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class SubscriptionTest {

    private static final TestApps.TestApp APP = TestApps.QUIET;
    private static final String BAD_CHARACTER = "Invalid character '%s' in channel name; allowed are A-Z a-z 0-9 _ - = @ , . ;";

    @TestHTTPResource("/")
    URL url;

    @Test
    void publicSubscriptionSucceedsWithDataEmptyObjectString() {
        try (WsClient client = connect()) {
            client.socketId();
            String channel = Names.unique("public-");
            client.send(Signing.subscribe(channel));
            assertThat(client.next()).isEqualTo(
                    "{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"" + channel + "\",\"data\":\"{}\"}");
        }
    }

    @Test
    void privateSubscriptionWithTheRightSignatureSucceeds() {
        try (WsClient client = connect()) {
            String socketId = client.socketId();
            String channel = Names.unique("private-");
            client.send(Signing.subscribePrivate(APP, socketId, channel));
            assertThat(client.next()).isEqualTo(Expected.succeeded(channel));
        }
    }

    @Test
    void privateSubscriptionWithAWrongSignatureIsAnAuthErrorAndTheSocketStaysUsable() {
        try (WsClient client = connect(); WsClient other = connect()) {
            client.socketId();
            String channel = Names.unique("private-");
            // Signed for another socket: a replayed auth must not work.
            client.send(Signing.subscribePrivate(APP, other.socketId(), channel));
            assertThat(client.next()).isEqualTo(
                    "{\"event\":\"pusher:subscription_error\",\"channel\":\"" + channel + "\",\"data\":"
                            + "\"{\\\"type\\\":\\\"AuthError\\\",\\\"error\\\":\\\"Invalid signature for " + channel
                            + "\\\",\\\"status\\\":401}\"}");
            assertStillUsable(client);
        }
    }

    @Test
    void privateSubscriptionWithoutSignatureIsAnAuthError() {
        try (WsClient client = connect()) {
            client.socketId();
            String channel = Names.unique("private-");
            client.send(Signing.subscribe(channel));
            assertThat(client.next()).isEqualTo(Expected.subscriptionError(channel, "AuthError",
                    "Subscribing to " + channel + " needs an auth signature", 401));
            assertStillUsable(client);
        }
    }

    @Test
    void privateEncryptedChannelsNeedTheSignatureToo() {
        try (WsClient client = connect()) {
            String socketId = client.socketId();
            String channel = Names.unique("private-encrypted-");
            client.send(Signing.subscribe(channel));
            assertThat(client.next()).isEqualTo(Expected.subscriptionError(channel, "AuthError",
                    "Subscribing to " + channel + " needs an auth signature", 401));

            client.send(Signing.subscribePrivate(APP, socketId, channel));
            assertThat(client.next()).isEqualTo(Expected.succeeded(channel));
        }
    }

    @Test
    void namesWithCharactersOutsideTheAllowedSetAreInvalidChannels() {
        try (WsClient client = connect()) {
            client.socketId();
            String bad = Names.unique("bad!");
            client.send(Signing.subscribe(bad));
            assertThat(client.next()).isEqualTo(
                    Expected.subscriptionError(bad, "InvalidChannel", BAD_CHARACTER.formatted("!"), 400));

            client.send(Signing.subscribe("#foo"));
            assertThat(client.next()).isEqualTo(
                    Expected.subscriptionError("#foo", "InvalidChannel", BAD_CHARACTER.formatted("#"), 400));
            assertStillUsable(client);
        }
    }

    @Test
    void namesLongerThan164CharactersAreInvalidAnd164IsAccepted() {
        try (WsClient client = connect()) {
            client.socketId();
            String longest = Names.unique("long-") + "x".repeat(164 - 17);
            assertThat(longest).hasSize(164);
            client.send(Signing.subscribe(longest + "y"));
            assertThat(client.next()).isEqualTo(Expected.subscriptionError(longest + "y", "InvalidChannel",
                    "Channel name is longer than 164 characters", 400));

            client.send(Signing.subscribe(longest));
            assertThat(client.next()).isEqualTo(Expected.succeeded(longest));
        }
    }

    @Test
    void theHundredAndFirstChannelOfAConnectionIsRefusedWithLimitReached() {
        try (WsClient client = connect()) {
            client.socketId();
            String prefix = Names.unique("many-");
            for (int i = 0; i < 100; i++) {
                client.send(Signing.subscribe(prefix + "-" + i));
                assertThat(client.next()).isEqualTo(Expected.succeeded(prefix + "-" + i));
            }
            client.send(Signing.subscribe(prefix + "-100"));
            assertThat(client.next()).isEqualTo(Expected.subscriptionError(prefix + "-100", "LimitReached",
                    "A connection may subscribe to at most 100 channels", 403));

            client.send(Signing.unsubscribe(prefix + "-0"));
            client.send(Signing.subscribe(prefix + "-100"));
            assertThat(client.next()).isEqualTo(Expected.succeeded(prefix + "-100"));
        }
    }

    @Test
    void unsubscribingStopsDeliveryWithoutAReply() {
        try (WsClient client = connect()) {
            client.socketId();
            String left = Names.unique("left-");
            String kept = Names.unique("kept-");
            client.send(Signing.subscribe(left));
            assertThat(client.next()).isEqualTo(Expected.succeeded(left));
            client.send(Signing.subscribe(kept));
            assertThat(client.next()).isEqualTo(Expected.succeeded(kept));
            Api.publish(url.getPort(), APP, left, "before", "1");
            assertThat(client.next()).isEqualTo(Expected.event("before", left, "1"));

            client.send(Signing.unsubscribe(left));
            client.send(Signing.unsubscribe(Names.unique("never-subscribed-")));
            client.send("{\"event\":\"pusher:ping\",\"data\":{}}");
            assertThat(client.next()).as("unsubscribe has no reply").isEqualTo(Expected.PONG);

            Api.publish(url.getPort(), APP, left, "after", "2");
            Api.publish(url.getPort(), APP, kept, "marker", "3");
            assertThat(client.next()).isEqualTo(Expected.event("marker", kept, "3"));
        }
    }

    @Test
    void subscribingTwiceIsHarmless() {
        try (WsClient client = connect()) {
            client.socketId();
            String channel = Names.unique("twice-");
            client.send(Signing.subscribe(channel));
            assertThat(client.next()).isEqualTo(Expected.succeeded(channel));
            client.send(Signing.subscribe(channel));
            assertThat(client.next()).isEqualTo(Expected.succeeded(channel));

            Api.publish(url.getPort(), APP, channel, "once", "1");
            Api.publish(url.getPort(), APP, channel, "marker", "2");
            assertThat(client.next()).isEqualTo(Expected.event("once", channel, "1"));
            assertThat(client.next()).as("delivered once, not per subscribe")
                    .isEqualTo(Expected.event("marker", channel, "2"));

            client.send(Signing.unsubscribe(channel));
            Api.publish(url.getPort(), APP, channel, "gone", "3");
            client.send("{\"event\":\"pusher:ping\",\"data\":{}}");
            assertThat(client.next()).as("one unsubscribe ends it").isEqualTo(Expected.PONG);
        }
    }

    @Test
    void serverToUserChannelIsRefusedUnlessSignedInAsThatUser() {
        try (WsClient client = connect()) {
            String socketId = client.socketId();
            String user = Names.unique("u");
            String other = Names.unique("u");
            String channel = "#server-to-user-" + user;
            client.send(Signing.subscribe(channel));
            assertThat(client.next()).isEqualTo(Expected.subscriptionError(channel, "AuthError",
                    "Only the signed-in user " + user + " may subscribe to " + channel, 401));

            client.send(Signing.signin(APP, socketId, "{\"id\":\"" + user + "\"}"));
            assertThat(client.next()).isEqualTo("{\"event\":\"pusher:signin_success\",\"data\":{\"user_data\":"
                    + "\"{\\\"id\\\":\\\"" + user + "\\\"}\"}}");
            String othersChannel = "#server-to-user-" + other;
            client.send(Signing.subscribe(othersChannel));
            assertThat(client.next()).isEqualTo(Expected.subscriptionError(othersChannel, "AuthError",
                    "Only the signed-in user " + other + " may subscribe to " + othersChannel, 401));

            client.send(Signing.subscribe(channel));
            assertThat(client.next()).isEqualTo(Expected.succeeded(channel));
        }
    }

    private WsClient connect() {
        return WsClient.connect(url.getPort(), APP.key());
    }

    private static void assertStillUsable(WsClient client) {
        String channel = Names.unique("after-error-");
        client.send(Signing.subscribe(channel));
        assertThat(client.next()).isEqualTo(Expected.succeeded(channel));
    }
}
