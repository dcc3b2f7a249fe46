package dev.starling.gateway.cluster.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.starling.gateway.cluster.ClusterState;
import dev.starling.gateway.cluster.ClusterUnavailableException;
import dev.starling.protocol.cluster.ChannelMessage;
import dev.starling.protocol.cluster.ControlMessage;
import dev.starling.protocol.cluster.StateUpdate;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/** The Kafka bus on a real (in-process, KRaft) broker with several nodes. */
class KafkaClusterBusTest {

    private static EmbeddedKafkaBroker broker;
    private static String servers;
    private final List<KafkaClusterBus> buses = new ArrayList<>();
    private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";

    @BeforeAll
    static void startBroker() {
        QuietKafka.apply();
        broker = new EmbeddedKafkaBroker().withKafkaPort(0).withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(p -> {
                    p.put("group.initial.rebalance.delay.ms", "0");
                    p.put("offsets.topic.num.partitions", "1");
                    p.put("log.cleaner.backoff.ms", "100");
                }).start();
        servers = broker.getAdvertisedListeners().replaceFirst("^[A-Z]+://", "");
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void stopBuses() {
        buses.forEach(KafkaClusterBus::stop);
    }

    private KafkaClusterBus node(String id, RecordingListener listener) {
        KafkaClusterBus bus = new KafkaClusterBus(id, TestKafkaConfig.of(servers, prefix), Duration.ofMinutes(30));
        buses.add(bus);
        bus.start(listener);
        return bus;
    }

    private static ChannelMessage message(String channel, String frame, String origin) {
        return new ChannelMessage("app", channel, frame, null, ChannelMessage.Source.API, origin, System.currentTimeMillis());
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
            (i % 2 == 0 ? busA : busB).publish(message("orders", frame, "x")).toCompletableFuture().join();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> a.frames("orders").size() == 200 && b.frames("orders").size() == 200);
        assertThat(a.frames("orders")).isEqualTo(sent);
        assertThat(b.frames("orders")).isEqualTo(sent);
        List<Long> positions = a.messages.stream().map(RecordingListener.Delivered::position).toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void stateUpdatesAndRemovalsCarryTheirOrigin() {
        RecordingListener a = new RecordingListener();
        RecordingListener b = new RecordingListener();
        KafkaClusterBus busA = node("node-a", a);
        node("node-b", b);
        StateUpdate joined = new StateUpdate.PresenceJoined("app", "presence-room", "1.1", "node-a", "u1", "{\"n\":1}");
        StateUpdate left = new StateUpdate.PresenceLeft("app", "presence-room", "1.1", "node-a");
        StateUpdate count = new StateUpdate.SubscriptionCount("app", "room", "node-a", 0, 7);
        busA.publish(joined);
        busA.publish(left);
        busA.publish(count).toCompletableFuture().join();
        await().atMost(Duration.ofSeconds(20)).until(() -> b.states.size() >= 3);
        // Order holds per channel (one partition each), not across channels.
        assertThat(b.states).containsExactlyInAnyOrder(new RecordingListener.State(joined, "node-a"),
                new RecordingListener.State(left, "node-a"), new RecordingListener.State(count, "node-a"));
        assertThat(b.states.stream().filter(s -> s.update().appId().equals("app")
                && s.update() instanceof StateUpdate.PresenceJoined || s.update() instanceof StateUpdate.PresenceLeft)
                .map(RecordingListener.State::update).toList()).containsExactly(joined, left);
    }

    @Test
    void aNodeStartedLaterReadsTheCurrentState() {
        RecordingListener a = new RecordingListener();
        KafkaClusterBus busA = node("node-a", a);
        busA.publish(new StateUpdate.PresenceJoined("app", "presence-room", "1.1", "node-a", "u1", null));
        busA.publish(new StateUpdate.PresenceJoined("app", "presence-room", "1.2", "node-a", "u2", null));
        busA.publish(new StateUpdate.PresenceLeft("app", "presence-room", "1.1", "node-a"));
        busA.publish(new StateUpdate.UserSignedIn("app", "u2", "1.2", "node-a")).toCompletableFuture().join();
        busA.publish(message("cache-x", "{\"cached\":1}", "node-a")).toCompletableFuture().join();

        RecordingListener late = new RecordingListener();
        KafkaClusterBus busLate = node("node-late", late);
        assertThat(busLate.isReady()).isTrue();
        ClusterState replica = new ClusterState("node-late", app -> 100);
        late.states.forEach(s -> replica.apply(s.update()));
        assertThat(replica.userIds("app", "presence-room")).containsExactly("u2");
        assertThat(replica.isOnline("app", "u2")).isTrue();
        assertThat(late.restored).extracting(ChannelMessage::frame).containsExactly("{\"cached\":1}");
        assertThat(late.messages).isEmpty(); // events are read from the end
    }

    @Test
    void goodbyeAndExpiredLeaseAreReportedAsNodeDown() {
        RecordingListener a = new RecordingListener();
        RecordingListener b = new RecordingListener();
        node("node-a", a);
        KafkaClusterBus busB = node("node-b", b);
        await().atMost(Duration.ofSeconds(10)).until(() -> buses.get(0).liveNodes().contains("node-b"));
        busB.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.nodesDown.contains("node-b"));
        assertThat(buses.get(0).liveNodes()).containsExactly("node-a");

        RecordingListener c = new RecordingListener();
        KafkaClusterBus busC = node("node-c", c);
        await().atMost(Duration.ofSeconds(10)).until(() -> buses.get(0).liveNodes().contains("node-c"));
        busC.crashForTest();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.nodesDown.contains("node-c"));
    }

    @Test
    void controlMessagesReachEveryNode() {
        RecordingListener a = new RecordingListener();
        RecordingListener b = new RecordingListener();
        KafkaClusterBus busA = node("node-a", a);
        node("node-b", b);
        ControlMessage terminate = new ControlMessage.TerminateUserConnections("app", "u1");
        busA.publish(terminate).toCompletableFuture().join();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.controls.size() == 1 && b.controls.size() == 1);
        assertThat(b.controls).containsExactly(terminate);
    }

    @Test
    void executeRunsInOrderWithTheChannelsDeliveries() {
        RecordingListener a = new RecordingListener();
        KafkaClusterBus busA = node("node-a", a);
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        busA.publish(message("ordered", "{\"first\":1}", "x")).toCompletableFuture().join();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.frames("ordered").size() == 1);
        busA.execute("app", "ordered", () -> seen.add("task after " + a.frames("ordered").size()));
        assertThat(seen).containsExactly("task after 1");
    }

    @Test
    void publishesFailExplicitlyWhenKafkaIsUnreachable() throws Exception {
        RecordingListener a = new RecordingListener();
        EmbeddedKafkaBroker own = new EmbeddedKafkaBroker().withKafkaPort(0).withDeleteLogDirsOnClose(true).start();
        KafkaClusterBus bus = new KafkaClusterBus("node-o", TestKafkaConfig.of(
                own.getAdvertisedListeners().replaceFirst("^[A-Z]+://", ""), prefix), Duration.ofMinutes(30));
        buses.add(bus);
        bus.start(a);
        assertThat(bus.isAvailable()).isTrue();
        own.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> !bus.isAvailable());
        assertThat(bus.publish(message("c", "{}", "node-o")).toCompletableFuture())
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(ClusterUnavailableException.class);
    }
}
