package dev.starling.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.starling.gateway.cluster.RecordingListener.Delivery;
import dev.starling.protocol.cluster.ChannelMessage;
import dev.starling.protocol.cluster.ControlMessage;
import dev.starling.protocol.cluster.StateUpdate;

/**
 * The guarantees of {@link ClusterBus}, written once and run against every implementation: extend this class, build
 * the bus in {@link #createBus}, and override {@link #startBus} / {@link #stopBus} when an implementation needs more
 * than {@code start(listener)} / {@code stop()} (a broker to start, a consumer to wait for).
 *
 * <p>Nothing here assumes that a publish is delivered before {@code publish} returns: every check waits for the
 * deliveries, up to {@link #deliveryTimeout()}.
 */
public abstract class ClusterBusContract {

    protected static final String APP = "app";

    protected ClusterBus bus;
    protected RecordingListener listener;
    private ExecutorService threads;
    private boolean stopped;

    /** A new, not yet started bus for a node called {@code nodeId}. */
    protected abstract ClusterBus createBus(String nodeId);

    /** Starts delivery to {@code listener}; returns once the bus delivers what is published from now on. */
    protected void startBus(ClusterBus bus, ClusterListener listener) {
        bus.start(listener);
    }

    protected void stopBus(ClusterBus bus) {
        bus.stop();
    }

    /** How long a publish may take to be delivered. */
    protected Duration deliveryTimeout() {
        return Duration.ofSeconds(30);
    }

    @BeforeEach
    void startTheBus() {
        threads = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "contract-publisher");
            thread.setDaemon(true); // a deadlocked publisher must not keep the test JVM alive
            return thread;
        });
        listener = new RecordingListener();
        bus = createBus("node-1");
        startBus(bus, listener);
    }

    @AfterEach
    void stopTheBus() {
        threads.shutdownNow();
        if (!stopped) {
            stopBus(bus);
        }
    }

    @Test
    void knowsItsNodeIdAndIsAvailableOnceStarted() {
        assertThat(bus.nodeId()).isEqualTo("node-1");
        assertThat(bus.isAvailable()).isTrue();
    }

    @Test
    void aPublishBeforeStartIsRefusedOrDeliveredOnceStarted() {
        ClusterBus idle = createBus("node-2");
        try {
            assertThat(idle.isAvailable()).isFalse();
            CompletableFuture<Void> ack = idle.publish(message("public-early", 0, 0)).toCompletableFuture();
            await().atMost(deliveryTimeout()).until(ack::isDone);
            if (ack.isCompletedExceptionally()) {
                assertThat(ack).failsWithin(Duration.ZERO).withThrowableThat()
                        .withCauseInstanceOf(ClusterUnavailableException.class);
                return;
            }
            // Accepted: then it must reach the listener once there is one.
            RecordingListener late = new RecordingListener();
            startBus(idle, late);
            awaitDeliveries(() -> assertThat(late.size(RecordingListener.scope(APP, "public-early"))).isEqualTo(1));
        } finally {
            stopBus(idle);
        }
    }

    @Test
    void nothingIsDeliveredAfterStop() {
        stopBus(bus);
        stopped = true;
        assertThat(bus.isAvailable()).isFalse();

        CompletableFuture<Void> ack = bus.publish(message("public-late", 0, 0)).toCompletableFuture();
        await().atMost(deliveryTimeout()).until(ack::isDone);
        if (ack.isCompletedExceptionally()) {
            assertThat(ack).failsWithin(Duration.ZERO).withThrowableThat()
                    .withCauseInstanceOf(ClusterUnavailableException.class);
        }
        await().during(Duration.ofMillis(300)).atMost(deliveryTimeout())
                .until(() -> listener.size(RecordingListener.scope(APP, "public-late")) == 0);
    }

    @Test
    void everyKindOfPublishReachesTheListenerAndCompletes() {
        ChannelMessage message = message("public-a", 0, 0);
        StateUpdate join = new StateUpdate.PresenceJoined(APP, "presence-a", "1.1", "node-1", "u1", null);
        StateUpdate signedIn = new StateUpdate.UserSignedIn(APP, "u1", "1.1", "node-1");
        ControlMessage terminate = new ControlMessage.TerminateUserConnections(APP, "u1");

        List<CompletionStage<Void>> acks = List.of(bus.publish(message), bus.publish(join), bus.publish(signedIn),
                bus.publish(terminate));
        for (CompletionStage<Void> ack : acks) {
            assertThat(ack.toCompletableFuture()).succeedsWithin(deliveryTimeout());
        }

        awaitDeliveries(() -> {
            assertThat(listener.deliveries(RecordingListener.scope(APP, "public-a"))).extracting(Delivery::item)
                    .containsExactly(message);
            assertThat(listener.deliveries(RecordingListener.scope(APP, "presence-a"))).extracting(Delivery::item)
                    .containsExactly(join);
            assertThat(listener.deliveries(RecordingListener.scope(signedIn))).extracting(Delivery::item)
                    .containsExactly(signedIn);
            assertThat(listener.controls()).containsExactly(terminate);
        });
    }

    @Test
    void concurrentPublishersKeepEachChannelsOrderWithoutLossOrDuplicates() throws Exception {
        int publishers = 4;
        int perPublisher = 1_000;
        List<String> channels = List.of("public-a", "public-b", "private-c");
        CyclicBarrier start = new CyclicBarrier(publishers);
        List<Future<?>> done = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            int publisher = p;
            done.add(threads.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                for (int i = 0; i < perPublisher; i++) {
                    bus.publish(message(channels.get(i % channels.size()), publisher, i));
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(deliveryTimeout().toSeconds(), TimeUnit.SECONDS);
        }

        awaitDeliveries(() -> assertThat(channels.stream().mapToInt(c -> listener.size(RecordingListener.scope(APP, c))).sum())
                .isEqualTo(publishers * perPublisher));
        for (String channel : channels) {
            Map<Integer, List<Integer>> seqByPublisher = new HashMap<>();
            Set<String> seen = new HashSet<>();
            for (Delivery delivery : listener.deliveries(RecordingListener.scope(APP, channel))) {
                ChannelMessage message = (ChannelMessage) delivery.item();
                assertThat(message.channel()).isEqualTo(channel);
                assertThat(seen.add(message.frame())).as("duplicate %s", message.frame()).isTrue();
                String[] parts = message.frame().split(":");
                seqByPublisher.computeIfAbsent(Integer.parseInt(parts[0]), k -> new ArrayList<>())
                        .add(Integer.parseInt(parts[1]));
            }
            assertThat(seqByPublisher).hasSize(publishers);
            for (List<Integer> seqs : seqByPublisher.values()) {
                assertThat(seqs).as("order of one publisher on %s", channel).isSorted();
                assertThat(seqs).allMatch(i -> channels.get(i % channels.size()).equals(channel));
            }
            int expected = (int) java.util.stream.IntStream.range(0, perPublisher)
                    .filter(i -> channels.get(i % channels.size()).equals(channel)).count();
            assertThat(seqByPublisher.values()).allSatisfy(seqs -> assertThat(seqs).hasSize(expected));
        }
        assertThat(listener.overlaps()).isZero();
    }

    @Test
    void positionsIncreasePerChannel() throws Exception {
        List<String> channels = List.of("public-a", "public-b", "public-c", "public-d");
        List<Future<?>> done = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            int publisher = p;
            done.add(threads.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    bus.publish(message(channels.get((i + publisher) % channels.size()), publisher, i));
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(deliveryTimeout().toSeconds(), TimeUnit.SECONDS);
        }

        awaitDeliveries(() -> assertThat(channels.stream().mapToInt(c -> listener.size(RecordingListener.scope(APP, c))).sum())
                .isEqualTo(2_000));
        for (String channel : channels) {
            List<Delivery> deliveries = listener.deliveries(RecordingListener.scope(APP, channel));
            List<Long> positions = deliveries.stream().map(Delivery::position).toList();
            assertThat(positions).hasSize(500);
            for (int i = 1; i < positions.size(); i++) {
                assertThat(positions.get(i)).as("position %d on %s", i, channel).isGreaterThan(positions.get(i - 1));
            }
            // Every message is in the channel's stream, and the bus knows the stream has reached the last one.
            assertThat(deliveries).extracting(Delivery::streamId).containsOnly(bus.streamId(APP, channel));
            assertThat(bus.position(APP, channel)).isGreaterThanOrEqualTo(positions.getLast());
            assertThat(bus.coverageStart(APP, channel)).isLessThan(positions.getFirst());
        }
    }

    @Test
    void deliveriesOfOneChannelNeverOverlap() throws Exception {
        // Messages and state updates of the same channel from four threads at once.
        List<Future<?>> done = new ArrayList<>();
        CyclicBarrier start = new CyclicBarrier(4);
        for (int p = 0; p < 4; p++) {
            int publisher = p;
            done.add(threads.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                for (int i = 0; i < 500; i++) {
                    if (i % 2 == 0) {
                        bus.publish(new StateUpdate.SubscriptionCount(APP, "public-hot", "node-" + publisher, i, i));
                    } else {
                        bus.publish(message("public-hot", publisher, i));
                    }
                    bus.publish(new StateUpdate.UserSignedIn(APP, "hot-user", publisher + "." + i, "node-1"));
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(deliveryTimeout().toSeconds(), TimeUnit.SECONDS);
        }

        awaitDeliveries(() -> {
            assertThat(listener.size(RecordingListener.scope(APP, "public-hot"))).isEqualTo(2_000);
            assertThat(listener.size(RecordingListener.scope(new StateUpdate.UserSignedIn(APP, "hot-user", "", ""))))
                    .isEqualTo(2_000);
        });
        assertThat(listener.overlaps()).isZero();
    }

    @Test
    void stateUpdatesOfOneChannelArriveInPublishOrder() {
        for (int i = 1; i <= 200; i++) {
            bus.publish(new StateUpdate.SubscriptionCount(APP, "public-counted", "node-1", i, i));
        }
        awaitDeliveries(() -> assertThat(listener.size(RecordingListener.scope(APP, "public-counted"))).isEqualTo(200));
        assertThat(listener.deliveries(RecordingListener.scope(APP, "public-counted")))
                .extracting(d -> ((StateUpdate.SubscriptionCount) d.item()).sequence())
                .isSorted()
                .doesNotHaveDuplicates();
    }

    @Test
    void executeRunsAfterWhatWasDeliveredAndBeforeWhatIsPublishedLater() {
        for (int i = 0; i < 5; i++) {
            bus.publish(message("public-x", 0, i));
        }
        awaitDeliveries(() -> assertThat(listener.size(RecordingListener.scope(APP, "public-x"))).isEqualTo(5));

        bus.execute(APP, "public-x", listener.task(APP, "public-x", "task"));
        for (int i = 5; i < 10; i++) {
            bus.publish(message("public-x", 0, i));
        }

        awaitDeliveries(() -> assertThat(listener.size(RecordingListener.scope(APP, "public-x"))).isEqualTo(11));
        assertThat(listener.deliveries(RecordingListener.scope(APP, "public-x"))).extracting(RecordingListener.Delivery::item)
                .extracting(item -> item instanceof ChannelMessage m ? m.frame() : item)
                .containsExactly("0:0", "0:1", "0:2", "0:3", "0:4", "task", "0:5", "0:6", "0:7", "0:8", "0:9");
    }

    @Test
    void executeIsSerializedWithConcurrentDeliveries() throws Exception {
        String scope = RecordingListener.scope(APP, "public-busy");
        Future<?> publisher = threads.submit(() -> {
            for (int i = 0; i < 2_000; i++) {
                bus.publish(message("public-busy", 0, i));
            }
            return null;
        });
        List<Integer> deliveredBefore = new ArrayList<>();
        for (int t = 0; t < 100; t++) {
            deliveredBefore.add(listener.size(scope));
            bus.execute(APP, "public-busy", listener.task(APP, "public-busy", "task-" + t));
        }
        publisher.get(deliveryTimeout().toSeconds(), TimeUnit.SECONDS);

        awaitDeliveries(() -> assertThat(listener.size(scope)).isEqualTo(2_100));
        List<Object> items = listener.deliveries(scope).stream().map(Delivery::item).toList();
        for (int t = 0; t < 100; t++) {
            assertThat(items.indexOf("task-" + t)).as("task %d runs after what was delivered when it was submitted", t)
                    .isGreaterThanOrEqualTo(deliveredBefore.get(t));
            if (t > 0) {
                assertThat(items.indexOf("task-" + t)).isGreaterThan(items.indexOf("task-" + (t - 1)));
            }
        }
        assertThat(listener.overlaps()).isZero();
    }

    @Test
    void publishingFromInsideTheListenerDoesNotDeadlock() throws Exception {
        // Each delivery on one channel publishes to the same channel, to another channel and a state update, while
        // other threads publish the other way round.
        AtomicInteger echoes = new AtomicInteger();
        listener.onMessageHook = message -> {
            String[] parts = message.frame().split(":");
            if (parts[0].equals("echo")) {
                return;
            }
            echoes.incrementAndGet();
            String other = message.channel().equals("public-ping") ? "public-pong" : "public-ping";
            bus.publish(new ChannelMessage(APP, message.channel(), "echo:" + parts[1], null, ChannelMessage.Source.API,
                    "node-1", 0));
            bus.publish(new ChannelMessage(APP, other, "echo:" + parts[1], null, ChannelMessage.Source.API, "node-1", 0));
            bus.publish(new StateUpdate.SubscriptionCount(APP, other, "node-1", 1, echoes.get()));
        };
        listener.onStateHook = update -> {
            if (update instanceof StateUpdate.SubscriptionCount count && count.sequence() % 10 == 0) {
                bus.execute(APP, count.channel(), () -> {
                });
            }
        };
        List<Future<?>> done = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            String channel = p % 2 == 0 ? "public-ping" : "public-pong";
            int publisher = p;
            done.add(threads.submit(() -> {
                for (int i = 0; i < 250; i++) {
                    bus.publish(message(channel, publisher, i));
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(deliveryTimeout().toSeconds(), TimeUnit.SECONDS);
        }

        // 1 000 originals, each echoed twice, plus 1 000 counts.
        awaitDeliveries(() -> assertThat(listener.size(RecordingListener.scope(APP, "public-ping"))
                + listener.size(RecordingListener.scope(APP, "public-pong"))).isEqualTo(4_000));
        assertThat(echoes).hasValue(1_000);
        assertThat(listener.overlaps()).isZero();
    }

    /** A message whose frame is {@code "publisher:seq"}. */
    protected static ChannelMessage message(String channel, int publisher, int seq) {
        return new ChannelMessage(APP, channel, publisher + ":" + seq, null, ChannelMessage.Source.API, "node-1", 0);
    }

    protected void awaitDeliveries(org.awaitility.core.ThrowingRunnable assertion) {
        await().atMost(deliveryTimeout()).pollInterval(Duration.ofMillis(10)).untilAsserted(assertion);
    }
}
