package dev.starling.protocol.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.starling.protocol.frame.ServerFrames;

/** Frames written by {@link ServerFrames#channelEvent} read back exactly; anything else is refused without throwing. */
class ChannelEventFrameTest {

    @Test
    void readsWhatTheGatewayWrites() {
        String frame = ServerFrames.channelEvent("order.created", "private-orders", "{\"id\":7,\"s\":\"é\\u0001\"}", null);
        assertThat(ChannelEventFrame.parse(frame).value())
                .isEqualTo(new ChannelEventFrame("order.created", "private-orders", "{\"id\":7,\"s\":\"é\\u0001\"}", null));
    }

    @Test
    void keepsTheUserIdOfClientEvents() {
        String frame = ServerFrames.channelEvent("client-typing", "presence-room", "{}", "user-9");
        assertThat(ChannelEventFrame.parse(frame).value())
                .isEqualTo(new ChannelEventFrame("client-typing", "presence-room", "{}", "user-9"));
    }

    @Test
    void dataIsKeptAsTheExactString() {
        // Pusher's double encoding: the frame carries the JSON document as a string, history keeps that string.
        String frame = "{\"event\":\"e\",\"channel\":\"c\",\"data\":\"{\\\"a\\\":[1, 2]}\"}";
        assertThat(ChannelEventFrame.parse(frame).value().data()).isEqualTo("{\"a\":[1, 2]}");
        assertThat(ChannelEventFrame.parse("{\"event\":\"e\",\"channel\":\"c\",\"data\":{\"a\":1}}").value().data())
                .isEqualTo("{\"a\":1}");
        assertThat(ChannelEventFrame.parse("{\"event\":\"e\",\"channel\":\"c\"}").value().data()).isNull();
    }

    @Test
    void positionsAddedByV2AreIgnored() {
        String frame = "{\"event\":\"e\",\"channel\":\"c\",\"data\":\"d\",\"message_id\":\"t.0:1\",\"stream_id\":\"t.0\","
                + "\"serial\":1}";
        assertThat(ChannelEventFrame.parse(frame).value()).isEqualTo(new ChannelEventFrame("e", "c", "d", null));
    }

    @Test
    void refusesWhatIsNotAChannelEvent() {
        assertThat(ChannelEventFrame.parse(null).isOk()).isFalse();
        assertThat(ChannelEventFrame.parse("").isOk()).isFalse();
        assertThat(ChannelEventFrame.parse("nope").reason()).contains("JSON");
        assertThat(ChannelEventFrame.parse("[1]").reason()).contains("object");
        assertThat(ChannelEventFrame.parse("{\"channel\":\"c\"}").reason()).contains("event");
        assertThat(ChannelEventFrame.parse("{\"event\":\"pusher:pong\",\"data\":\"{}\"}").reason()).contains("channel");
        assertThat(ChannelEventFrame.parse("{\"event\":\"e\",\"channel\":\"c\",\"user_id\":5}").reason())
                .contains("user_id");
        assertThat(ChannelEventFrame.parse("{\"event\":\"e\",\"channel\":\"c\"".repeat(1)).isOk()).isFalse();
        assertThat(ChannelEventFrame.parse("[".repeat(10_000)).isOk()).isFalse();
    }

    @Test
    void randomInputNeverThrows() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String good = ServerFrames.channelEvent("e", "c", "{\"x\":1}", "u");
        for (int i = 0; i < 20_000; i++) {
            char[] chars = good.toCharArray();
            chars[random.nextInt(chars.length)] = (char) random.nextInt(128);
            assertThat(ChannelEventFrame.parse(new String(chars))).as("seed %d", seed).isNotNull();
        }
    }
}
