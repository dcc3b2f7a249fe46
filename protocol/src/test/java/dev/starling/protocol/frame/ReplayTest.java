package dev.starling.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Rewind and resume on {@code pusher:subscribe}: what is well-formed and what is answered with 400. */
class ReplayTest {

    private static Replay replayOf(String dataFields) {
        ClientFrame frame = FrameDecoder.decode("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"c\""
                + dataFields + "}}");
        assertThat(frame).isInstanceOf(ClientFrame.Subscribe.class);
        return ((ClientFrame.Subscribe) frame).replay();
    }

    @Test
    void wellFormedRequests() {
        assertThat(replayOf("")).isEqualTo(Replay.NONE);
        assertThat(replayOf(",\"rewind\":{\"count\":3}")).isEqualTo(new Replay.RewindCount(3));
        assertThat(replayOf(",\"rewind\":{\"count\":0}")).isEqualTo(new Replay.RewindCount(0));
        assertThat(replayOf(",\"rewind\":{\"seconds\":60,\"extra\":true}")).isEqualTo(new Replay.RewindSeconds(60));
        assertThat(replayOf(",\"resume\":{\"stream_id\":\"s-1\",\"serial\":4711}"))
                .isEqualTo(new Replay.Resume("s-1", 4711));
        assertThat(replayOf(",\"rewind\":null")).isEqualTo(Replay.NONE);
        // data as a string holding the object, as some clients send it
        ClientFrame frame = FrameDecoder.decode("{\"event\":\"pusher:subscribe\",\"data\":\"{\\\"channel\\\":\\\"c\\\","
                + "\\\"rewind\\\":{\\\"count\\\":2}}\"}");
        assertThat(((ClientFrame.Subscribe) frame).replay()).isEqualTo(new Replay.RewindCount(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            ",\"rewind\":5", ",\"rewind\":\"5\"", ",\"rewind\":[5]", ",\"rewind\":{}", ",\"rewind\":{\"count\":\"5\"}",
            ",\"rewind\":{\"count\":1.5}", ",\"rewind\":{\"count\":-1}", ",\"rewind\":{\"seconds\":-3}",
            ",\"rewind\":{\"count\":1,\"seconds\":2}", ",\"rewind\":{\"count\":99999999999999999999}",
            ",\"resume\":{}", ",\"resume\":{\"serial\":1}", ",\"resume\":{\"stream_id\":\"s\"}",
            ",\"resume\":{\"stream_id\":1,\"serial\":1}", ",\"resume\":{\"stream_id\":\"\",\"serial\":1}",
            ",\"resume\":{\"stream_id\":\"s\",\"serial\":\"1\"}", ",\"resume\":{\"stream_id\":\"s\",\"serial\":1.0}",
            ",\"resume\":{\"stream_id\":\"s\",\"serial\":-1}", ",\"resume\":\"s:1\"",
            ",\"rewind\":{\"count\":1},\"resume\":{\"stream_id\":\"s\",\"serial\":1}"})
    void malformedRequestsAreRecognisedAndTheFrameStaysASubscribe(String fields) {
        assertThat(replayOf(fields)).isInstanceOf(Replay.Malformed.class);
    }
}
