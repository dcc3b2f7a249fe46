package dev.starling.gateway.webhook;

import static dev.starling.gateway.webhook.HookSession.assertStays;
import static dev.starling.gateway.webhook.HookSession.awaitEvents;
import static dev.starling.gateway.webhook.HookSession.event;
import static dev.starling.gateway.webhook.HookSession.named;
import static dev.starling.gateway.webhook.HookSession.requests;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.testkit.Signing;
import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import dev.starling.testkit.WebhookReceiver;
import dev.starling.gateway.webhook.HookSession.Socket;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Which webhooks the HOOKS app gets, in Pusher's exact shape, signed: one per transition, from raw WebSocket clients.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class WebhookEventsTest extends HookSessionTest {

    private static final String HOOKS = "/hooks";

    @Test
    void theFirstSubscriberOccupiesTheChannelInPushersExactShapeSigned() {
        String channel = session.channel(TestApps.HOOKS, "occupied-");
        Socket first = session.connect(TestApps.HOOKS);
        session.subscribe(first, channel);

        awaitEvents(HOOKS, channel, "channel_occupied", 1);
        WebhookReceiver.Received request = requests(HOOKS, event("channel_occupied", channel)).get(0);
        assertThat(request.body()).matches(Pattern.quote("{\"time_ms\":") + "\\d+"
                + Pattern.quote(",\"events\":[{\"name\":\"channel_occupied\",\"channel\":\"" + channel + "\"}]}"));
        assertThat(request.key()).isEqualTo(TestApps.HOOKS.key());
        assertThat(request.signatureValid()).isTrue();
        assertThat(request.json().path("time_ms").asLong()).isCloseTo(System.currentTimeMillis(), Offset.offset(60_000L));

        Socket second = session.connect(TestApps.HOOKS);
        session.subscribe(second, channel);
        session.awaitSubscriptions(TestApps.HOOKS, channel, 2);
        assertStays(HOOKS, channel, "channel_occupied", 1);
    }

    @Test
    void channelVacatedFollowsTheLastUnsubscribeOnlyAfterTheDebounce() {
        String channel = session.channel(TestApps.HOOKS, "vacated-");
        Socket a = session.connect(TestApps.HOOKS);
        Socket b = session.connect(TestApps.HOOKS);
        session.subscribe(a, channel);
        session.subscribe(b, channel);
        awaitEvents(HOOKS, channel, "channel_occupied", 1);

        session.unsubscribe(a, channel);
        session.awaitSubscriptions(TestApps.HOOKS, channel, 1);
        session.advance(HookSession.DEBOUNCE);
        assertStays(HOOKS, channel, "channel_vacated", 0);

        session.unsubscribe(b, channel);
        session.awaitSubscriptions(TestApps.HOOKS, channel, 0);
        assertStays(HOOKS, channel, "channel_vacated", 0);
        session.advance(Duration.ofSeconds(2));
        assertStays(HOOKS, channel, "channel_vacated", 0);
        session.advance(Duration.ofSeconds(1));

        List<JsonNode> vacated = awaitEvents(HOOKS, channel, "channel_vacated", 1);
        assertThat(vacated.get(0).toString()).isEqualTo("{\"name\":\"channel_vacated\",\"channel\":\"" + channel + "\"}");
        assertThat(requests(HOOKS, event("channel_vacated", channel))).allMatch(WebhookReceiver.Received::signatureValid);
        session.advance(Duration.ofSeconds(10));
        assertStays(HOOKS, channel, "channel_vacated", 1);
    }

    @Test
    void presenceMembersAreAddedAtOnceAndRemovedAfterTheDebounce() {
        String channel = session.channel(TestApps.HOOKS, "presence-members-");
        Socket ann = session.connect(TestApps.HOOKS);
        Socket bob = session.connect(TestApps.HOOKS);
        session.join(ann, channel, "ann");
        session.join(bob, channel, "bob");

        awaitEvents(HOOKS, channel, "member_added", 2);
        assertThat(named(HOOKS, channel, "member_added")).extracting(JsonNode::toString).containsExactlyInAnyOrder(
                "{\"name\":\"member_added\",\"channel\":\"" + channel + "\",\"user_id\":\"ann\"}",
                "{\"name\":\"member_added\",\"channel\":\"" + channel + "\",\"user_id\":\"bob\"}");
        awaitEvents(HOOKS, channel, "channel_occupied", 1);

        session.unsubscribe(bob, channel);
        session.awaitSubscriptions(TestApps.HOOKS, channel, 1);
        assertStays(HOOKS, channel, "member_removed", 0);
        session.advance(HookSession.DEBOUNCE);

        assertThat(awaitEvents(HOOKS, channel, "member_removed", 1)).extracting(JsonNode::toString).containsExactly(
                "{\"name\":\"member_removed\",\"channel\":\"" + channel + "\",\"user_id\":\"bob\"}");
        assertStays(HOOKS, channel, "channel_vacated", 0);
        assertThat(named(HOOKS, channel, "subscription_count")).as("no subscription_count on presence").isEmpty();
    }

    @Test
    void clientEventsOnPrivateChannelsCarrySocketIdAndDataButNoUserId() {
        String channel = session.channel(TestApps.HOOKS, "private-client-");
        Socket sender = session.connect(TestApps.HOOKS);
        Socket receiver = session.connect(TestApps.HOOKS);
        session.subscribe(sender, channel);
        session.subscribe(receiver, channel);

        sender.client().send(Signing.clientEvent(channel, "client-typing", "{\"a\":1}"));

        JsonNode event = awaitEvents(HOOKS, channel, "client_event", 1).get(0);
        assertThat(event.toString()).isEqualTo("{\"name\":\"client_event\",\"channel\":\"" + channel
                + "\",\"event\":\"client-typing\",\"data\":\"{\\\"a\\\":1}\",\"socket_id\":\"" + sender.socketId() + "\"}");
        assertThat(event.has("user_id")).isFalse();
        assertThat(receiver.client().nextEvent("client-typing").path("channel").asText()).isEqualTo(channel);
    }

    @Test
    void clientEventsOnPresenceChannelsCarryTheSendersUserId() {
        String channel = session.channel(TestApps.HOOKS, "presence-client-");
        Socket sender = session.connect(TestApps.HOOKS);
        session.join(sender, channel, "carol");

        sender.client().send(Signing.clientEvent(channel, "client-moved", "\"to the left\""));

        JsonNode event = awaitEvents(HOOKS, channel, "client_event", 1).get(0);
        assertThat(event.toString()).isEqualTo("{\"name\":\"client_event\",\"channel\":\"" + channel
                + "\",\"event\":\"client-moved\",\"data\":\"to the left\",\"socket_id\":\"" + sender.socketId()
                + "\",\"user_id\":\"carol\"}");
    }

    @Test
    void anEmptyCacheChannelReportsOneCacheMissForTwoSubscribers() {
        String channel = session.channel(TestApps.HOOKS, "cache-miss-");
        Socket a = session.connect(TestApps.HOOKS);
        Socket b = session.connect(TestApps.HOOKS);
        session.subscribe(a, channel);
        assertThat(a.client().nextEvent("pusher:cache_miss").path("channel").asText()).isEqualTo(channel);
        session.subscribe(b, channel);
        assertThat(b.client().nextEvent("pusher:cache_miss").path("channel").asText()).isEqualTo(channel);

        assertThat(awaitEvents(HOOKS, channel, "cache_miss", 1)).extracting(JsonNode::toString)
                .containsExactly("{\"name\":\"cache_miss\",\"channel\":\"" + channel + "\"}");
        assertStays(HOOKS, channel, "cache_miss", 1);
    }

    @Test
    void subscriptionCountIsReportedOnEveryChange() {
        String channel = session.channel(TestApps.HOOKS, "counted-");
        Socket a = session.connect(TestApps.HOOKS);
        Socket b = session.connect(TestApps.HOOKS);

        session.subscribe(a, channel);
        awaitEvents(HOOKS, channel, "subscription_count", 1);
        session.subscribe(b, channel);
        awaitEvents(HOOKS, channel, "subscription_count", 2);
        session.unsubscribe(b, channel);
        awaitEvents(HOOKS, channel, "subscription_count", 3);
        session.unsubscribe(a, channel);

        assertThat(awaitEvents(HOOKS, channel, "subscription_count", 4)).extracting(JsonNode::toString).containsExactly(
                "{\"name\":\"subscription_count\",\"channel\":\"" + channel + "\",\"subscription_count\":1}",
                "{\"name\":\"subscription_count\",\"channel\":\"" + channel + "\",\"subscription_count\":2}",
                "{\"name\":\"subscription_count\",\"channel\":\"" + channel + "\",\"subscription_count\":1}",
                "{\"name\":\"subscription_count\",\"channel\":\"" + channel + "\",\"subscription_count\":0}");
    }

    @Test
    void twoSocketsOfOneUserAreOneMemberWithOneWebhookPerTransition() {
        String channel = session.channel(TestApps.HOOKS, "presence-twice-");
        Socket phone = session.connect(TestApps.HOOKS);
        Socket laptop = session.connect(TestApps.HOOKS);
        session.join(phone, channel, "dave");
        session.join(laptop, channel, "dave");

        awaitEvents(HOOKS, channel, "member_added", 1);
        awaitEvents(HOOKS, channel, "channel_occupied", 1);
        assertStays(HOOKS, channel, "member_added", 1);

        phone.client().close();
        session.awaitSubscriptions(TestApps.HOOKS, channel, 1);
        session.advance(HookSession.DEBOUNCE);
        assertStays(HOOKS, channel, "member_removed", 0);

        laptop.client().close();
        session.awaitSubscriptions(TestApps.HOOKS, channel, 0);
        session.advance(HookSession.DEBOUNCE);
        awaitEvents(HOOKS, channel, "member_removed", 1);
        awaitEvents(HOOKS, channel, "channel_vacated", 1);
        session.advance(Duration.ofSeconds(10));
        assertStays(HOOKS, channel, "member_removed", 1);
        assertStays(HOOKS, channel, "channel_vacated", 1);
        assertStays(HOOKS, channel, "channel_occupied", 1);
        assertStays(HOOKS, channel, "member_added", 1);
    }
}
