package dev.starling.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.starling.protocol.api.TriggerRequest;
import dev.starling.protocol.frame.ClientFrame;
import dev.starling.protocol.frame.FrameDecoder;
import dev.starling.protocol.frame.ServerFrames;

/**
 * The frame codec: decoding the client frames a gateway receives most, encoding the frame of a broadcast (done once
 * per publish per node) and parsing an HTTP publish body.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {

    private static final String SUBSCRIBE = "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"private-orders\","
            + "\"auth\":\"app-key:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4\"}}";
    private static final String CLIENT_EVENT = "{\"event\":\"client-typing\",\"channel\":\"private-chat\","
            + "\"data\":{\"user\":\"alice\",\"typing\":true,\"at\":1700000000000}}";
    private static final String PING = "{\"event\":\"pusher:ping\",\"data\":{}}";
    private static final String DATA_100 = "{\"id\":12345,\"price\":\"17.42\",\"symbol\":\"STAR\",\"note\":\"hello, \\\"world\\\"\","
            + "\"ts\":1700000000000}";
    private static final String PUBLISH_BODY = "{\"name\":\"tick\",\"channels\":[\"prices\"],\"data\":"
            + dev.starling.protocol.json.JsonText.quote(DATA_100) + "}";

    @Benchmark
    public ClientFrame decodeSubscribe() {
        return FrameDecoder.decode(SUBSCRIBE);
    }

    @Benchmark
    public ClientFrame decodeClientEvent() {
        return FrameDecoder.decode(CLIENT_EVENT);
    }

    @Benchmark
    public ClientFrame decodePing() {
        return FrameDecoder.decode(PING);
    }

    @Benchmark
    public String encodeChannelEvent() {
        return ServerFrames.channelEvent("tick", "prices", DATA_100, null);
    }

    @Benchmark
    public Object parsePublishBody() {
        return TriggerRequest.parse(PUBLISH_BODY);
    }
}
