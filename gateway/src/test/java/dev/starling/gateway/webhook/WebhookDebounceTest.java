package dev.starling.gateway.webhook;

import static dev.starling.gateway.webhook.HookSession.assertStays;
import static dev.starling.gateway.webhook.HookSession.awaitEvents;
import static dev.starling.gateway.webhook.HookSession.names;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import dev.starling.gateway.webhook.HookSession.Socket;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The 3 s debounce end to end: a channel or member that comes back within it never left, as far as the app's
 * webhooks tell; one that stays away longer is reported gone and then back, in that order.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class WebhookDebounceTest extends HookSessionTest {

    private static final String HOOKS = "/hooks";
    private static final Set<String> OCCUPANCY = Set.of("channel_occupied", "channel_vacated");
    private static final Set<String> MEMBERSHIP = Set.of("member_added", "member_removed", "channel_occupied",
            "channel_vacated");

    @Test
    void aChannelReoccupiedWithinTheDebounceIsNeitherVacatedNorOccupiedAgain() {
        String channel = session.channel(TestApps.HOOKS, "flap-");
        Socket socket = session.connect(TestApps.HOOKS);
        session.subscribe(socket, channel);
        awaitEvents(HOOKS, channel, "channel_occupied", 1);

        session.unsubscribe(socket, channel);
        session.awaitSubscriptions(TestApps.HOOKS, channel, 0);
        session.advance(Duration.ofSeconds(2));
        session.subscribe(socket, channel);
        session.awaitSubscriptions(TestApps.HOOKS, channel, 1);
        session.advance(Duration.ofSeconds(10));

        assertStays(HOOKS, channel, "channel_vacated", 0);
        assertThat(occupancy(channel, OCCUPANCY)).containsExactly("channel_occupied");
    }

    @Test
    void aMemberRejoiningWithinTheDebounceIsNeitherRemovedNorAddedAgain() {
        String channel = session.channel(TestApps.HOOKS, "presence-flap-");
        Socket socket = session.connect(TestApps.HOOKS);
        session.join(socket, channel, "erin");
        awaitEvents(HOOKS, channel, "member_added", 1);
        awaitEvents(HOOKS, channel, "channel_occupied", 1);

        session.unsubscribe(socket, channel);
        session.awaitSubscriptions(TestApps.HOOKS, channel, 0);
        session.advance(Duration.ofSeconds(2));
        session.join(socket, channel, "erin");
        session.advance(Duration.ofSeconds(10));

        assertStays(HOOKS, channel, "member_removed", 0);
        // two separate POSTs in flight together: their arrival order is not defined
        assertThat(occupancy(channel, MEMBERSHIP)).containsExactlyInAnyOrder("member_added", "channel_occupied");
    }

    @Test
    void aMemberRejoiningOnAnotherSocketWithinTheDebounceIsNotReported() {
        String channel = session.channel(TestApps.HOOKS, "presence-handover-");
        Socket before = session.connect(TestApps.HOOKS);
        session.join(before, channel, "finn");
        awaitEvents(HOOKS, channel, "member_added", 1);

        before.client().close();
        session.awaitSubscriptions(TestApps.HOOKS, channel, 0);
        session.advance(Duration.ofSeconds(1));
        Socket after = session.connect(TestApps.HOOKS);
        session.join(after, channel, "finn");
        session.advance(Duration.ofSeconds(10));

        assertStays(HOOKS, channel, "member_removed", 0);
        // two separate POSTs in flight together: their arrival order is not defined
        assertThat(occupancy(channel, MEMBERSHIP)).containsExactlyInAnyOrder("member_added", "channel_occupied");
    }

    @Test
    void aChannelLeftForLongerThanTheDebounceIsVacatedThenOccupiedInOrder() {
        String channel = session.channel(TestApps.HOOKS, "away-");
        Socket socket = session.connect(TestApps.HOOKS);
        session.subscribe(socket, channel);
        awaitEvents(HOOKS, channel, "channel_occupied", 1);

        session.unsubscribe(socket, channel);
        session.awaitSubscriptions(TestApps.HOOKS, channel, 0);
        session.advance(HookSession.DEBOUNCE);
        awaitEvents(HOOKS, channel, "channel_vacated", 1);
        session.subscribe(socket, channel);
        awaitEvents(HOOKS, channel, "channel_occupied", 2);

        assertStays(HOOKS, channel, "channel_occupied", 2);
        assertThat(occupancy(channel, OCCUPANCY)).containsExactly("channel_occupied", "channel_vacated", "channel_occupied");
    }

    @Test
    void aMemberAwayForLongerThanTheDebounceIsRemovedThenAddedInOrder() {
        String channel = session.channel(TestApps.HOOKS, "presence-away-");
        Socket stays = session.connect(TestApps.HOOKS);
        Socket leaves = session.connect(TestApps.HOOKS);
        session.join(stays, channel, "gina");
        session.join(leaves, channel, "hugo");
        awaitEvents(HOOKS, channel, "member_added", 2);

        session.unsubscribe(leaves, channel);
        session.awaitSubscriptions(TestApps.HOOKS, channel, 1);
        session.advance(HookSession.DEBOUNCE);
        awaitEvents(HOOKS, channel, "member_removed", 1);
        session.join(leaves, channel, "hugo");
        awaitEvents(HOOKS, channel, "member_added", 3);

        assertThat(HookSession.events(HOOKS, channel).stream()
                .filter(e -> e.path("user_id").asText().equals("hugo"))
                .map(e -> e.path("name").asText())).containsExactly("member_added", "member_removed", "member_added");
        assertStays(HOOKS, channel, "channel_vacated", 0);
    }

    private static List<String> occupancy(String channel, Set<String> kinds) {
        return names(HOOKS, channel).stream().filter(kinds::contains).toList();
    }
}
