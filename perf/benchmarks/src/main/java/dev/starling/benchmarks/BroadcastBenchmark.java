package dev.starling.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.starling.gateway.app.App;
import dev.starling.gateway.channel.LocalSubscriptions;
import dev.starling.gateway.connection.Connection;
import dev.starling.gateway.connection.Frame;
import dev.starling.gateway.connection.Transport;
import dev.starling.protocol.frame.ServerFrames;

/**
 * The gateway's part of a broadcast, without sockets: encode the frame once, take the channel's subscribers grouped
 * by event loop, and hand the frame to every connection (bound check, counters, transport). The transports only
 * consume the frame, so this is the cost Starling adds per delivery on top of the socket write itself.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BroadcastBenchmark {

    @Param({"1000", "10000"})
    int subscribers;

    /** Event loops the subscribers are spread over (their tasks run inline here). */
    @Param({"4"})
    int loops;

    private final LocalSubscriptions local = new LocalSubscriptions();
    private static final String DATA = "{\"id\":12345,\"price\":\"17.42\",\"symbol\":\"STAR\",\"ts\":1700000000000}";

    /** An "event loop" that runs its tasks on the calling thread. */
    static final class InlineLoop implements Executor {
        @Override
        public void execute(Runnable task) {
            task.run();
        }
    }

    /** A socket that accepts everything and counts it. */
    static final class SinkTransport implements Transport {
        private final Executor loop;
        private final Blackhole hole;

        SinkTransport(Executor loop, Blackhole hole) {
            this.loop = loop;
            this.hole = hole;
        }

        @Override
        public void send(Frame frame) {
            hole.consume(frame);
        }

        @Override
        public long pendingBytes() {
            return 0;
        }

        @Override
        public void close(int code, String reason) {
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1";
        }

        @Override
        public Executor executor() {
            return loop;
        }
    }

    @Setup(Level.Trial)
    public void subscribe(Blackhole hole) {
        App app = new App("app", "key", "secret", true, false, false, Duration.ofSeconds(30), false, false, -1, 10, 10240,
                100, List.of(), List.of());
        Executor[] executors = new Executor[loops];
        for (int i = 0; i < loops; i++) {
            executors[i] = new InlineLoop(); // distinct instances: the index groups subscribers by executor identity
        }
        for (int i = 0; i < subscribers; i++) {
            Transport transport = new SinkTransport(executors[i % loops], hole);
            local.add("app", "prices", new Connection("1." + i, app, transport, 1 << 20, 0));
        }
    }

    @Benchmark
    public int broadcast() {
        Frame frame = Frame.of(ServerFrames.channelEvent("tick", "prices", DATA, null));
        return local.deliver("app", "prices", connection -> connection.send(frame));
    }
}
