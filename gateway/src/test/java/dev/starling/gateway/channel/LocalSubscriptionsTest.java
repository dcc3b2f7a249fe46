package dev.starling.gateway.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;

import dev.starling.gateway.connection.Connection;
import dev.starling.gateway.fakes.RecordingTransport;
import dev.starling.gateway.fakes.UnitApps;

/** The per-node subscriber index: who a delivery reaches, through adds and removes in any order. */
class LocalSubscriptionsTest {

    /** An event loop stand-in that runs tasks when the test says so. */
    private static final class Loop implements Executor {
        final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                tasks.poll().run();
            }
        }
    }

    private final LocalSubscriptions index = new LocalSubscriptions();
    private final Loop[] loops = {new Loop(), new Loop()};
    private int sockets;

    private Connection connection(Loop loop) {
        return new Connection("1." + sockets++, UnitApps.plain("app"), new RecordingTransport(loop), 1 << 20, 0);
    }

    private Set<Connection> reached(String channel) {
        Set<Connection> reached = new HashSet<>();
        int handedOut = index.deliver("app", channel, reached::add);
        for (Loop loop : loops) {
            loop.runAll();
        }
        assertThat(handedOut).isEqualTo(reached.size());
        return reached;
    }

    @Test
    void aDeliveryReachesEverySubscriberOnEveryLoopOnce() {
        List<Connection> subscribers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Connection connection = connection(loops[i % 2]);
            subscribers.add(connection);
            index.add("app", "c", connection);
        }
        index.add("app", "c", subscribers.get(0)); // twice: still one subscription

        assertThat(index.count("app", "c")).isEqualTo(50);
        assertThat(reached("c")).containsExactlyInAnyOrderElementsOf(subscribers);
        assertThat(loops[0].tasks).isEmpty();
    }

    @Test
    void aDeliveryNeverReachesASubscriberIndexedAfterItWasHandedOut() {
        Connection early = connection(loops[0]);
        index.add("app", "c", early);
        List<Connection> reached = new ArrayList<>();
        index.deliver("app", "c", reached::add);

        for (int i = 0; i < 20; i++) { // appended in place into the same group's spare slots, and beyond
            index.add("app", "c", connection(loops[0]));
        }
        loops[0].runAll();

        assertThat(reached).containsExactly(early);
        assertThat(reached("c")).hasSize(21);
    }

    @Test
    void theLastSubscriberLeavingRemovesTheChannel() {
        Connection a = connection(loops[0]);
        Connection b = connection(loops[1]);
        index.add("app", "c", a);
        index.add("app", "c", b);
        index.remove("app", "c", a);
        index.remove("app", "c", a); // not subscribed any more: nothing happens
        assertThat(reached("c")).containsExactly(b);

        index.remove("app", "c", b);
        assertThat(index.count("app", "c")).isZero();
        assertThat(index.channelCount()).isZero();
        assertThat(reached("c")).isEmpty();
    }

    @Test
    void randomJoinsAndLeavesAlwaysLeaveExactlyTheSubscribedSet() {
        Random random = new Random(42);
        List<Connection> pool = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            pool.add(connection(loops[random.nextInt(2)]));
        }
        Set<Connection> expected = new HashSet<>();
        for (int step = 0; step < 20_000; step++) {
            Connection connection = pool.get(random.nextInt(pool.size()));
            // Phases that mostly join, then mostly leave, so groups fill up, empty out and are compacted.
            boolean join = random.nextInt(100) < ((step / 2_000) % 2 == 0 ? 80 : 20);
            if (join) {
                index.add("app", "c", connection);
                expected.add(connection);
            } else {
                index.remove("app", "c", connection);
                expected.remove(connection);
            }
            if (step % 97 == 0) {
                assertThat(reached("c")).as("step %d", step).isEqualTo(expected);
                Set<Connection> visited = new HashSet<>();
                index.forEach("app", "c", visited::add);
                assertThat(visited).isEqualTo(expected);
            }
            assertThat(index.count("app", "c")).isEqualTo(expected.size());
            assertThat(index.subscriptionCount()).isEqualTo(expected.size());
        }
    }
}
