package dev.starling.gateway.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.starling.gateway.app.App;
import dev.starling.gateway.app.WebhookTarget;
import dev.starling.gateway.cluster.ClusterState;
import dev.starling.gateway.cluster.InMemoryClusterBus;
import dev.starling.gateway.connection.Connection;
import dev.starling.gateway.fakes.FakeClock;
import dev.starling.gateway.fakes.FakeGatewayConfig;
import dev.starling.gateway.fakes.RecordingTransport;
import dev.starling.gateway.fakes.UnitApps;
import dev.starling.gateway.wskit.Expected;
import dev.starling.protocol.cluster.StateUpdate;
import dev.starling.protocol.webhook.WebhookEvent;

/**
 * The count events one node of a cluster ({@code "b"}) sends its subscribers, when the other node's ({@code "a"})
 * counts reach it late: a subscriber is never told a count that leaves itself out (a single node never does that),
 * and the count is not told twice.
 */
class SubscriptionCountNotifierTest {

    private static final String CHANNEL = "chat";
    private static final App APP = UnitApps.countingSubscriptions("app", List.of());

    private final LocalSubscriptions local = new LocalSubscriptions();
    private final ClusterState state = new ClusterState("b", app -> 100);
    private final List<WebhookEvent> hooks = new ArrayList<>();
    private final SubscriptionCountNotifier notifier = new SubscriptionCountNotifier(local, new InMemoryClusterBus("b"),
            state, new ChannelQueries(state, local), (app, event) -> hooks.add(event), new FakeClock(),
            FakeGatewayConfig.defaults());
    private final long[] sequences = new long[2];
    private int sockets;

    private RecordingTransport subscribe() {
        RecordingTransport socket = new RecordingTransport();
        local.add(APP.id(), CHANNEL, new Connection("1." + sockets++, APP, socket, 1 << 20, 0));
        notifier.subscribed(APP.id(), CHANNEL);
        return socket;
    }

    /** Node {@code node}'s count arrives at b, which applies it and notifies as {@code ClusterEvents} does. */
    private void arrives(String node, int count) {
        var transition = state.apply(new StateUpdate.SubscriptionCount(APP.id(), CHANNEL, node, count,
                ++sequences[node.equals("a") ? 0 : 1]));
        if (transition.accepted() && transition.subscriptionCount() >= 0) {
            notifier.changed(APP, CHANNEL, transition.subscriptionCount(), node.equals("b"));
        }
    }

    @Test
    void aSubscriberConfirmedBeforeAnOlderCountFromAnotherNodeArrivesIsToldACountThatIncludesIt() {
        RecordingTransport c2 = subscribe(); // on b, while a's count of its own subscriber is still on its way
        arrives("a", 1);
        assertThat(c2.sent()).containsExactly(Expected.count(CHANNEL, 2));

        arrives("b", 1); // b's own count comes round the bus: the cluster-wide count is 2, as c2 was told
        assertThat(c2.sent()).hasSize(1);
    }

    @Test
    void aNewcomerIsToldTheCountEvenWhenItDidNotChange() {
        arrives("a", 1);
        RecordingTransport c2 = subscribe();
        arrives("b", 1);
        assertThat(c2.sent()).containsExactly(Expected.count(CHANNEL, 2));

        RecordingTransport c3 = subscribe(); // joins on b while a's subscriber leaves: the count stays 2
        arrives("a", 0);
        arrives("b", 2);
        assertThat(c3.sent()).containsExactly(Expected.count(CHANNEL, 2));
        assertThat(c2.sent()).containsExactly(Expected.count(CHANNEL, 2), Expected.count(CHANNEL, 2));
    }

    @Test
    void theWebhookCarriesTheClusterWideCountOfTheTransitionOnTheNodeThatCausedIt() {
        App hooked = UnitApps.countingSubscriptions("app", List.of(new WebhookTarget(
                URI.create("http://127.0.0.1:1/hooks"), Set.of("subscription_count"))));
        subscribe();
        state.apply(new StateUpdate.SubscriptionCount(APP.id(), CHANNEL, "a", 1, 1));
        var transition = state.apply(new StateUpdate.SubscriptionCount(APP.id(), CHANNEL, "b", 1, 1));
        notifier.changed(hooked, CHANNEL, transition.subscriptionCount(), true);
        assertThat(hooks).containsExactly(new WebhookEvent.SubscriptionCount(CHANNEL, 2));
    }
}
