package dev.starling.protocol.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.starling.protocol.Parsed;

/** The cluster envelope round-trips exactly, and corrupt input is refused without throwing. */
class ClusterCodecTest {

    @Test
    void channelMessageRoundTrips() {
        ChannelMessage message = new ChannelMessage("app", "presence-é", "{\"event\":\"e\",\"data\":\"✓\"}", "1.2",
                ChannelMessage.Source.CLIENT, "node-a", 1_700_000_000_123L);
        assertThat(ClusterCodec.decodeChannelMessage(ClusterCodec.encode(message)).value()).isEqualTo(message);
    }

    @Test
    void nullFieldsSurvive() {
        ChannelMessage message = new ChannelMessage("app", "c", "{}", null, ChannelMessage.Source.API, "n", 0);
        assertThat(ClusterCodec.decodeChannelMessage(ClusterCodec.encode(message)).value()).isEqualTo(message);
        StateUpdate joined = new StateUpdate.PresenceJoined("a", "presence-c", "1.1", "n", "u", null);
        assertThat(ClusterCodec.decodeStateUpdate(ClusterCodec.encode(joined)).value()).isEqualTo(joined);
    }

    @Test
    void everyStateUpdateRoundTrips() {
        List<StateUpdate> updates = List.of(
                new StateUpdate.PresenceJoined("a", "presence-c", "1.1", "n", "u", "{\"name\":\"x\"}"),
                new StateUpdate.PresenceLeft("a", "presence-c", "1.1", "n"),
                new StateUpdate.SubscriptionCount("a", "c", "n", 42, Long.MAX_VALUE),
                new StateUpdate.UserSignedIn("a", "u", "1.1", "n"),
                new StateUpdate.UserSignedOut("a", "u", "1.1", "n"));
        for (StateUpdate update : updates) {
            assertThat(ClusterCodec.decodeStateUpdate(ClusterCodec.encode(update)).value()).isEqualTo(update);
        }
    }

    @Test
    void controlMessageRoundTrips() {
        ControlMessage message = new ControlMessage.TerminateUserConnections("a", "user-1");
        assertThat(ClusterCodec.decodeControlMessage(ClusterCodec.encode(message)).value()).isEqualTo(message);
    }

    @Test
    void unknownFormatTypeAndTruncationAreRefused() {
        byte[] good = ClusterCodec.encode(new StateUpdate.PresenceLeft("a", "presence-c", "1.1", "n"));
        byte[] wrongFormat = good.clone();
        wrongFormat[0] = 9;
        assertThat(ClusterCodec.decodeStateUpdate(wrongFormat).reason()).contains("format");
        byte[] wrongType = good.clone();
        wrongType[1] = 99;
        assertThat(ClusterCodec.decodeStateUpdate(wrongType).reason()).contains("type");
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
        assertThat(ClusterCodec.decodeStateUpdate(truncated).isOk()).isFalse();
        assertThat(ClusterCodec.decodeChannelMessage(good).isOk()).isFalse();
        assertThat(ClusterCodec.decodeChannelMessage(null).isOk()).isFalse();
    }

    @Test
    void randomBytesNeverThrow() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        byte[] sample = ClusterCodec.encode(new ChannelMessage("app", "c", "{}", null, ChannelMessage.Source.API, "n", 1));
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] input;
            if (random.nextBoolean()) {
                input = new byte[random.nextInt(64)];
                random.nextBytes(input);
            } else {
                input = sample.clone();
                input[random.nextInt(input.length)] = (byte) random.nextInt(256);
            }
            Parsed<ChannelMessage> message = ClusterCodec.decodeChannelMessage(input);
            Parsed<StateUpdate> update = ClusterCodec.decodeStateUpdate(input);
            assertThat(message).as("seed %d", seed).isNotNull();
            assertThat(update).as("seed %d", seed).isNotNull();
            refused += message.isOk() ? 0 : 1;
        }
        assertThat(refused).as("seed %d: most random inputs are refused", seed).isGreaterThan(10_000);
    }
}
