package dev.starling.protocol.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.starling.protocol.Parsed;

/** The {@code push} topic's JSON: exact bytes, round trips, and refusals that never throw. */
class PushPublishCodecTest {

    private static final String REQUEST = "{\"web\":{\"notification\":{\"title\":\"Hi \\\"you\\\"\",\"body\":\"é\"}},"
            + "\"fcm\":{\"data\":{\"n\":1.50}}}";

    @Test
    void interestsPublishIsEncodedExactly() {
        PushPublish publish = PushPublish.toInterests("pubid-1", "inst", List.of("donuts", "a=b"), REQUEST, 1700000000123L);

        assertThat(PushPublishCodec.encode(publish)).isEqualTo("{\"type\":\"publish\",\"publish_id\":\"pubid-1\","
                + "\"instance_id\":\"inst\",\"interests\":[\"donuts\",\"a=b\"],\"users\":null,\"request\":" + REQUEST
                + ",\"accepted_at_ms\":1700000000123}");
        assertThat(PushPublishCodec.key(publish)).isEqualTo("inst");
    }

    @Test
    void usersPublishIsEncodedExactly() {
        PushPublish publish = PushPublish.toUsers("pubid-2", "inst", List.of("user \"1\"", "ü"), "{}", 5);

        assertThat(PushPublishCodec.encode(publish)).isEqualTo("{\"type\":\"publish\",\"publish_id\":\"pubid-2\","
                + "\"instance_id\":\"inst\",\"interests\":null,\"users\":[\"user \\\"1\\\"\",\"ü\"],\"request\":{},"
                + "\"accepted_at_ms\":5}");
    }

    @Test
    void decodingReturnsTheSameRecordAndTheRequestVerbatim() {
        PushPublish publish = PushPublish.toInterests("pubid-1", "inst", List.of("donuts"), REQUEST, 42);

        Parsed<PushPublish> decoded = PushPublishCodec.decode(PushPublishCodec.encodeBytes(publish));

        assertThat(decoded.value()).isEqualTo(publish);
        assertThat(decoded.value().request()).isEqualTo(REQUEST);
        assertThat(decoded.value().targets()).containsExactly("donuts");
        assertThat(decoded.value().targetsUsers()).isFalse();
    }

    @Test
    void aGatewayWrittenRecordWithAbsentUsersDecodes() {
        Parsed<PushPublish> decoded = PushPublishCodec.decode("{\"accepted_at_ms\":7,\"type\":\"publish\","
                + "\"instance_id\":\"i\",\"publish_id\":\"pubid-x\",\"interests\":[\"c\"],\"request\":{\"apns\":{}}}");

        assertThat(decoded.value()).isEqualTo(PushPublish.toInterests("pubid-x", "i", List.of("c"), "{\"apns\":{}}", 7));
    }

    @Test
    void malformedRecordsAreRefusedWithAReason() {
        List<String> bad = List.of("", "[]", "{\"type\":\"job\"}",
                "{\"type\":\"publish\",\"publish_id\":\"\",\"instance_id\":\"i\",\"interests\":[],\"request\":{},\"accepted_at_ms\":1}",
                "{\"type\":\"publish\",\"publish_id\":\"p\",\"instance_id\":\"i\",\"interests\":[1],\"request\":{},\"accepted_at_ms\":1}",
                "{\"type\":\"publish\",\"publish_id\":\"p\",\"instance_id\":\"i\",\"interests\":[],\"users\":[],\"request\":{},\"accepted_at_ms\":1}",
                "{\"type\":\"publish\",\"publish_id\":\"p\",\"instance_id\":\"i\",\"request\":{},\"accepted_at_ms\":1}",
                "{\"type\":\"publish\",\"publish_id\":\"p\",\"instance_id\":\"i\",\"users\":[\"u\"],\"request\":\"{}\",\"accepted_at_ms\":1}",
                "{\"type\":\"publish\",\"publish_id\":\"p\",\"instance_id\":\"i\",\"users\":[\"u\"],\"request\":{},\"accepted_at_ms\":1.5}",
                "{\"type\":\"publish\",\"publish_id\":\"p\",\"instance_id\":\"i\",\"users\":[\"u\"],\"request\":{}}");
        for (String json : bad) {
            Parsed<PushPublish> decoded = PushPublishCodec.decode(json);
            assertThat(decoded.isOk()).as(json).isFalse();
            assertThat(decoded.reason()).as(json).isNotBlank();
        }
        assertThat(PushPublishCodec.decode((byte[]) null).isOk()).isFalse();
    }

    @Test
    void randomInputNeverThrows() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        byte[] sample = PushPublishCodec.encodeBytes(PushPublish.toUsers("pubid-1", "i", List.of("u"), REQUEST, 1));
        for (int i = 0; i < 20_000; i++) {
            byte[] input = sample.clone();
            for (int j = random.nextInt(4); j >= 0; j--) {
                input[random.nextInt(input.length)] = (byte) "{}[]\",:0n\\ a".charAt(random.nextInt(12));
            }
            if (random.nextInt(10) == 0) {
                input = new byte[random.nextInt(40)];
                random.nextBytes(input);
            }
            byte[] attempt = input;
            try {
                Parsed<PushPublish> decoded = PushPublishCodec.decode(attempt);
                if (decoded.isOk()) {
                    // whatever decodes re-encodes to something that decodes to the same record
                    assertThat(PushPublishCodec.decode(PushPublishCodec.encode(decoded.value())).value())
                            .isEqualTo(decoded.value());
                }
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " input " + new String(attempt, StandardCharsets.UTF_8), e);
            }
        }
    }
}
