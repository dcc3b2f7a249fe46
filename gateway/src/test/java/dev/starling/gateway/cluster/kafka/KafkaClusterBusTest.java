package dev.starling.gateway.cluster.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.starling.gateway.cluster.ClusterState;
import dev.starling.gateway.cluster.ClusterUnavailableException;
import dev.starling.gateway.cluster.RecordingListener;
import dev.starling.protocol.cluster.ChannelMessage;
import dev.starling.protocol.cluster.ControlMessage;
import dev.starling.protocol.cluster.StateUpdate;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/** What the Kafka bus adds to the contract: several nodes, tombstones, late start, liveness, outages. */
class KafkaClusterBusTest {

    private final List<KafkaClusterBus> buses = new ArrayList<>();
    private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";

    @AfterEach
    void stopBuses() {
        buses.forEach(KafkaClusterBus::stop);
    }

    private KafkaClusterBus node(String id, RecordingListener listener) {
        KafkaClusterBus bus = new KafkaClusterBus(id, TestKafkaConfig.of(KafkaBroker.servers(), prefix),
                Duration.ofMinutes(30));
        buses.add(bus);
        bus.start(listener);
        return bus;
    }

    private static ChannelMessage message(String channel, String frame) {
        return new ChannelMessage("app", channel, frame, null, ChannelMessage.Source.API, "x", System.currentTimeMillis());
    }

    @Test
    void everyNodeGetsEveryChannelInTheSameOrder() {
        RecordingListener a = new RecordingListener();
        RecordingListener b = new RecordingListener();
        KafkaClusterBus busA = node("node-a", a);
        KafkaClusterBus busB = node("node-b", b);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String frame = "{\"n\":" + i + "}";
            sent.add(frame);
            (i % 2 == 0 ? busA : busB).publish(message("orders", frame)).toCompletableFuture().join();
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> a.frames("app", "orders").size() == 200 && b.frames("app", "orders").size() == 200);
        assertThat(a.frames("app", "orders")).isEqualTo(sent);
        assertThat(b.frames("app", "orders")).isEqualTo(sent);
        assertThat(a.positions("app", "orders")).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void removalsAreTombstonesThatComeBackWithTheirOrigin() {
        RecordingListener a = new RecordingListener();
        RecordingListener b = new RecordingListener();
        KafkaClusterBus busA = node("node-a", a);
        node("node-b", b);
        StateUpdate joined = new StateUpdate.PresenceJoined("app", "presence-room", "1.1", "node-a", "u1", "{\"n\":1}");
        StateUpdate left = new StateUpdate.PresenceLeft("app", "presence-room", "1.1", "node-a");
        StateUpdate count = new StateUpdate.SubscriptionCount("app", "room", "node-a", 0, 7);
        StateUpdate signedOut = new StateUpdate.UserSignedOut("app", "u1", "1.1", "node-a");
        busA.publish(joined);
        busA.publish(left);
        busA.publish(count);
        busA.publish(signedOut).toCompletableFuture().join();
        await().atMost(Duration.ofSeconds(20)).until(() -> b.states().size() >= 4);
        assertThat(b.states()).containsExactlyInAnyOrder(new RecordingListener.State(joined, "node-a"),
                new RecordingListener.State(left, "node-a"), new RecordingListener.State(count, "node-a"),
                new RecordingListener.State(signedOut, "node-a"));
        // Order holds per channel (one partition each), not across channels.
        assertThat(b.states().stream().map(RecordingListener.State::update)
                .filter(u -> u instanceof StateUpdate.PresenceJoined || u instanceof StateUpdate.PresenceLeft).toList())
                .containsExactly(joined, left);
    }

    @Test
    void aNodeStartedLaterReadsTheCurrentState() {
        RecordingListener a = new RecordingListener();
        KafkaClusterBus busA = node("node-a", a);
        busA.publish(new StateUpdate.PresenceJoined("app", "presence-room", "1.1", "node-a", "u1", null));
        busA.publish(new StateUpdate.PresenceJoined("app", "presence-room", "1.2", "node-a", "u2", null));
        busA.publish(new StateUpdate.PresenceLeft("app", "presence-room", "1.1", "node-a"));
        busA.publish(new StateUpdate.UserSignedIn("app", "u2", "1.2", "node-a")).toCompletableFuture().join();
        busA.publish(message("cache-x", "{\"cached\":1}")).toCompletableFuture().join();

        RecordingListener late = new RecordingListener();
        KafkaClusterBus busLate = node("node-late", late);
        assertThat(busLate.isReady()).isTrue();
        ClusterState replica = new ClusterState("node-late", app -> 100);
        late.states().forEach(s -> replica.apply(s.update()));
        assertThat(replica.userIds("app", "presence-room")).containsExactly("u2");
        assertThat(replica.isOnline("app", "u2")).isTrue();
        assertThat(late.restored()).extracting(ChannelMessage::frame).containsExactly("{\"cached\":1}");
        assertThat(late.frames("app", "cache-x")).isEmpty(); // events are read from the end
    }

    @Test
    void goodbyeAndAnExpiredLeaseAreReportedAsNodeDown() {
        RecordingListener a = new RecordingListener();
        KafkaClusterBus busA = node("node-a", a);
        KafkaClusterBus busB = node("node-b", new RecordingListener());
        await().atMost(Duration.ofSeconds(10)).until(() -> busA.liveNodes().contains("node-b"));
        busB.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.nodesDown().contains("node-b"));
        assertThat(busA.liveNodes()).containsExactly("node-a");

        KafkaClusterBus busC = node("node-c", new RecordingListener());
        await().atMost(Duration.ofSeconds(10)).until(() -> busA.liveNodes().contains("node-c"));
        busC.crashForTest();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.nodesDown().contains("node-c"));
        assertThat(busA.liveNodes()).containsExactly("node-a");
    }

    @Test
    void controlMessagesReachEveryNode() {
        RecordingListener a = new RecordingListener();
        RecordingListener b = new RecordingListener();
        KafkaClusterBus busA = node("node-a", a);
        node("node-b", b);
        ControlMessage terminate = new ControlMessage.TerminateUserConnections("app", "u1");
        busA.publish(terminate).toCompletableFuture().join();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.controls().size() == 1 && b.controls().size() == 1);
        assertThat(b.controls()).containsExactly(terminate);
    }

    @Test
    void publishesFailExplicitlyWhileKafkaIsUnreachable() {
        EmbeddedKafkaBroker own = KafkaBroker.start();
        KafkaClusterBus bus = new KafkaClusterBus("node-o", TestKafkaConfig.of(KafkaBroker.bootstrap(own), prefix),
                Duration.ofMinutes(30));
        buses.add(bus);
        bus.start(new RecordingListener());
        assertThat(bus.isAvailable()).isTrue();
        own.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> !bus.isAvailable());
        assertThat(bus.publish(message("c", "{}")).toCompletableFuture()).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(ClusterUnavailableException.class);
    }
}
