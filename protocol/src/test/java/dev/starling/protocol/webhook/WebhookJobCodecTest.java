package dev.starling.protocol.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.starling.protocol.Parsed;

/** The {@code webhooks} topic's JSON: exact bytes, the signed body kept byte for byte, refusals that never throw. */
class WebhookJobCodecTest {

    private static final String BODY = "{\"time_ms\":1327078148132,\"events\":[{\"name\":\"channel_occupied\","
            + "\"channel\":\"c\\u0001é\"}]}";

    private static Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Pusher-Key", "app-key");
        headers.put("X-Pusher-Signature", "a1b2");
        return headers;
    }

    @Test
    void jobIsEncodedExactly() {
        WebhookJob job = new WebhookJob.Delivery("5f0c7f5e-8c1d-4c3b-9a53-0b7a9e7c1d2e", "app-id",
                "https://example.com/hooks", headers(), BODY, 1000, 4000, "app-id\nc\nvacated");

        assertThat(WebhookJobCodec.encode(job)).isEqualTo("{\"type\":\"job\",\"id\":\"5f0c7f5e-8c1d-4c3b-9a53-0b7a9e7c1d2e\","
                + "\"app_id\":\"app-id\",\"url\":\"https://example.com/hooks\","
                + "\"headers\":{\"X-Pusher-Key\":\"app-key\",\"X-Pusher-Signature\":\"a1b2\"},"
                + "\"body\":\"{\\\"time_ms\\\":1327078148132,\\\"events\\\":[{\\\"name\\\":\\\"channel_occupied\\\","
                + "\\\"channel\\\":\\\"c\\\\u0001é\\\"}]}\",\"created_at_ms\":1000,\"not_before_ms\":4000,"
                + "\"debounce_key\":\"app-id\\nc\\nvacated\"}");
    }

    @Test
    void jobWithoutDebounceKeyWritesNull() {
        WebhookJob job = new WebhookJob.Delivery("id", "a", "http://h/", Map.of(), "{}", 1, 1, null);

        assertThat(WebhookJobCodec.encode(job)).isEqualTo("{\"type\":\"job\",\"id\":\"id\",\"app_id\":\"a\","
                + "\"url\":\"http://h/\",\"headers\":{},\"body\":\"{}\",\"created_at_ms\":1,\"not_before_ms\":1,"
                + "\"debounce_key\":null}");
    }

    @Test
    void cancelIsEncodedExactly() {
        assertThat(WebhookJobCodec.encode(new WebhookJob.Cancel("k", "job-1", 99)))
                .isEqualTo("{\"type\":\"cancel\",\"debounce_key\":\"k\",\"job_id\":\"job-1\",\"at_ms\":99}");
    }

    @Test
    void keyPutsAJobAndItsCancelInOnePartition() {
        assertThat(WebhookJobCodec.key("app-id", "presence-room")).isEqualTo("app-id\npresence-room");
    }

    @Test
    void roundTripKeepsTheSignedBodyAndHeaderOrder() {
        WebhookJob.Delivery job = new WebhookJob.Delivery("id-1", "app", "https://x/y?z=1", headers(), BODY, 10, 20, "k");

        WebhookJob decoded = WebhookJobCodec.decode(WebhookJobCodec.encodeBytes(job)).value();

        assertThat(decoded).isEqualTo(job);
        assertThat(((WebhookJob.Delivery) decoded).body().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(BODY.getBytes(StandardCharsets.UTF_8));
        assertThat(((WebhookJob.Delivery) decoded).headers().keySet()).containsExactly("X-Pusher-Key",
                "X-Pusher-Signature");
        WebhookJob cancel = new WebhookJob.Cancel(null, "id-1", 30);
        assertThat(WebhookJobCodec.decode(WebhookJobCodec.encode(cancel)).value()).isEqualTo(cancel);
    }

    @Test
    void malformedMessagesAreRefusedWithAReason() {
        List<String> bad = List.of("", "null", "[]", "{\"type\":\"publish\"}",
                "{\"type\":\"job\",\"id\":\"\",\"app_id\":\"a\",\"url\":\"u\",\"headers\":{},\"body\":\"b\",\"created_at_ms\":1,\"not_before_ms\":1}",
                "{\"type\":\"job\",\"id\":\"i\",\"app_id\":\"a\",\"url\":\"u\",\"headers\":{\"k\":1},\"body\":\"b\",\"created_at_ms\":1,\"not_before_ms\":1}",
                "{\"type\":\"job\",\"id\":\"i\",\"app_id\":\"a\",\"url\":\"u\",\"headers\":{},\"body\":{},\"created_at_ms\":1,\"not_before_ms\":1}",
                "{\"type\":\"job\",\"id\":\"i\",\"app_id\":\"a\",\"url\":\"u\",\"headers\":{},\"body\":\"b\",\"created_at_ms\":\"1\",\"not_before_ms\":1}",
                "{\"type\":\"job\",\"id\":\"i\",\"app_id\":\"a\",\"url\":\"u\",\"headers\":{},\"body\":\"b\",\"created_at_ms\":1,\"not_before_ms\":1,\"debounce_key\":5}",
                "{\"type\":\"cancel\",\"debounce_key\":\"k\",\"at_ms\":1}",
                "{\"type\":\"cancel\",\"debounce_key\":\"k\",\"job_id\":\"j\",\"at_ms\":1.5}");
        for (String json : bad) {
            Parsed<WebhookJob> decoded = WebhookJobCodec.decode(json);
            assertThat(decoded.isOk()).as(json).isFalse();
            assertThat(decoded.reason()).as(json).isNotBlank();
        }
        assertThat(WebhookJobCodec.decode((byte[]) null).isOk()).isFalse();
        assertThat(WebhookJobCodec.decode("[".repeat(10_000)).isOk()).isFalse();
    }

    @Test
    void randomInputNeverThrows() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        byte[] job = WebhookJobCodec.encodeBytes(new WebhookJob.Delivery("i", "a", "u", headers(), BODY, 1, 2, "k"));
        byte[] cancel = WebhookJobCodec.encodeBytes(new WebhookJob.Cancel("k", "i", 3));
        for (int i = 0; i < 20_000; i++) {
            byte[] input = (random.nextBoolean() ? job : cancel).clone();
            for (int j = random.nextInt(4); j >= 0; j--) {
                input[random.nextInt(input.length)] = (byte) "{}[]\",:0n\\ a".charAt(random.nextInt(12));
            }
            if (random.nextInt(10) == 0) {
                input = new byte[random.nextInt(40)];
                random.nextBytes(input);
            }
            byte[] attempt = input;
            try {
                Parsed<WebhookJob> decoded = WebhookJobCodec.decode(attempt);
                if (decoded.isOk()) {
                    assertThat(WebhookJobCodec.decode(WebhookJobCodec.encode(decoded.value())).value())
                            .isEqualTo(decoded.value());
                }
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " input " + new String(attempt, StandardCharsets.UTF_8), e);
            }
        }
    }
}
