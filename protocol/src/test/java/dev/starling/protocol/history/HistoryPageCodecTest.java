package dev.starling.protocol.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.starling.protocol.Parsed;

/** Golden JSON of history pages and error bodies; decoding round-trips and refuses malformed bodies without throwing. */
class HistoryPageCodecTest {

    private static final HistoryPage PAGE = new HistoryPage("q1nE1fWvSmOcUe2m0Q2y5g.3", List.of(
            new HistoryItem("q1nE1fWvSmOcUe2m0Q2y5g.3:4711", 4711, "order.created", "{\"id\":7}", null,
                    1_765_000_000_000L),
            new HistoryItem("q1nE1fWvSmOcUe2m0Q2y5g.3:4712", 4712, "client-typing", "\"é\\n\"", "user-1",
                    1_765_000_000_001L)),
            12L, 4712L, 4800, true);

    @Test
    void pageGolden() {
        assertThat(HistoryPageCodec.encode(PAGE)).isEqualTo("{\"stream_id\":\"q1nE1fWvSmOcUe2m0Q2y5g.3\",\"items\":["
                + "{\"message_id\":\"q1nE1fWvSmOcUe2m0Q2y5g.3:4711\",\"serial\":4711,\"event\":\"order.created\","
                + "\"data\":\"{\\\"id\\\":7}\",\"published_at_ms\":1765000000000},"
                + "{\"message_id\":\"q1nE1fWvSmOcUe2m0Q2y5g.3:4712\",\"serial\":4712,\"event\":\"client-typing\","
                + "\"data\":\"\\\"é\\\\n\\\"\",\"user_id\":\"user-1\",\"published_at_ms\":1765000000001}],"
                + "\"oldest_serial\":12,\"newest_serial\":4712,\"written_through\":4800,\"has_more\":true}");
    }

    @Test
    void emptyPageGolden() {
        HistoryPage empty = new HistoryPage("t.0", List.of(), null, null, -1, false);
        assertThat(HistoryPageCodec.encode(empty)).isEqualTo("{\"stream_id\":\"t.0\",\"items\":[],"
                + "\"oldest_serial\":null,\"newest_serial\":null,\"written_through\":-1,\"has_more\":false}");
    }

    @Test
    void roundTrips() {
        assertThat(HistoryPageCodec.decode(HistoryPageCodec.encode(PAGE)).value()).isEqualTo(PAGE);
        HistoryPage noData = new HistoryPage("t.1", List.of(new HistoryItem("t.1:0", 0, "e", null, null, 5)), 0L, 0L,
                0, false);
        assertThat(HistoryPageCodec.decode(HistoryPageCodec.encode(noData)).value()).isEqualTo(noData);
    }

    @Test
    void unknownFieldsAreIgnored() {
        String json = "{\"stream_id\":\"t.0\",\"x\":[1],\"items\":[{\"message_id\":\"t.0:1\",\"serial\":1,\"event\":\"e\","
                + "\"data\":\"d\",\"published_at_ms\":2,\"extra\":true}],\"oldest_serial\":1,\"newest_serial\":1,"
                + "\"written_through\":1,\"has_more\":false}";
        assertThat(HistoryPageCodec.decode(json).value().items())
                .containsExactly(new HistoryItem("t.0:1", 1, "e", "d", null, 2));
    }

    @Test
    void malformedPagesNameTheField() {
        assertThat(HistoryPageCodec.decode(null).reason()).isNotNull();
        assertThat(HistoryPageCodec.decode("[]").reason()).contains("object");
        assertThat(HistoryPageCodec.decode("{").reason()).contains("JSON");
        assertThat(HistoryPageCodec.decode("{\"items\":[]}").reason()).contains("stream_id");
        assertThat(HistoryPageCodec.decode("{\"stream_id\":\"s\",\"items\":[{\"message_id\":\"m\",\"serial\":\"1\"}]}")
                .reason()).isEqualTo("items[0].serial: not an integer");
        assertThat(HistoryPageCodec.decode("{\"stream_id\":\"s\",\"items\":[],\"oldest_serial\":1.5,"
                + "\"newest_serial\":null,\"written_through\":1,\"has_more\":false}").reason()).contains("oldest_serial");
        assertThat(HistoryPageCodec.decode("{\"stream_id\":\"s\",\"items\":[],\"written_through\":1}").reason())
                .contains("has_more");
        assertThat(HistoryPageCodec.decode("{\"stream_id\":\"s\",\"items\":[],\"written_through\":"
                + "99999999999999999999,\"has_more\":false}").reason()).contains("written_through");
    }

    @Test
    void randomMutationsNeverThrow() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String good = HistoryPageCodec.encode(PAGE);
        for (int i = 0; i < 20_000; i++) {
            char[] chars = good.toCharArray();
            for (int j = random.nextInt(4); j >= 0; j--) {
                chars[random.nextInt(chars.length)] = (char) (32 + random.nextInt(95));
            }
            String input = random.nextInt(10) == 0 ? good.substring(0, random.nextInt(good.length())) : new String(chars);
            Parsed<HistoryPage> page = HistoryPageCodec.decode(input);
            assertThat(page).as("seed %d", seed).isNotNull();
        }
    }

    @Test
    void errorBodyGolden() {
        assertThat(new HistoryError("limit must be between 1 and 1000", "limit").encode())
                .isEqualTo("{\"error\":\"limit must be between 1 and 1000\",\"parameter\":\"limit\"}");
        assertThat(new HistoryError("unauthorized", null).encode()).isEqualTo("{\"error\":\"unauthorized\"}");
        assertThat(HistoryError.decode("{\"error\":\"x\",\"parameter\":\"limit\"}").value())
                .isEqualTo(new HistoryError("x", "limit"));
        assertThat(HistoryError.decode("{\"nope\":1}").isOk()).isFalse();
        assertThat(HistoryError.decode("{").isOk()).isFalse();
    }
}
