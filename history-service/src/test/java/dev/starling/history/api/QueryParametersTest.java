package dev.starling.history.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.starling.history.store.MessageQuery;

/** How query parameters turn into serial ranges (pure unit test; the HTTP behaviour is in BoundsTest). */
class QueryParametersTest {

    private static MessageQuery parse(String... pairs) {
        Map<String, List<String>> parameters = new HashMap<>();
        parameters.put("stream_id", List.of("t.0"));
        for (int i = 0; i < pairs.length; i += 2) {
            parameters.put(pairs[i], List.of(pairs[i + 1]));
        }
        return QueryParameters.parse("a", "c", parameters, 1000);
    }

    @Test
    void defaultsAreEverythingNewestFirstLargestPage() {
        assertThat(parse()).isEqualTo(new MessageQuery("a", "c", "t.0", Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
                false, 1000));
    }

    @Test
    void boundsBecomeOneInclusiveRange() {
        MessageQuery query = parse("after_serial", "10", "from_serial", "5", "before_serial", "20", "to_serial", "30",
                "since_ms", "7", "direction", "forwards", "limit", "3");
        assertThat(query.lowest()).isEqualTo(11);
        assertThat(query.highest()).isEqualTo(19);
        assertThat(query.sinceMs()).isEqualTo(7);
        assertThat(query.forwards()).isTrue();
        assertThat(query.limit()).isEqualTo(3);
    }

    @Test
    void extremeBoundsDoNotOverflow() {
        MessageQuery none = parse("after_serial", Long.toString(Long.MAX_VALUE));
        assertThat(none.lowest()).isGreaterThan(none.highest());
        MessageQuery alsoNone = parse("before_serial", Long.toString(Long.MIN_VALUE));
        assertThat(alsoNone.lowest()).isGreaterThan(alsoNone.highest());
        assertThat(parse("before_serial", Long.toString(Long.MAX_VALUE)).highest()).isEqualTo(Long.MAX_VALUE - 1);
    }

    @Test
    void refusalsNameTheParameter() {
        assertThatThrownBy(() -> parse("limit", "1001")).isInstanceOf(BadParameter.class)
                .satisfies(e -> assertThat(((BadParameter) e).parameter()).isEqualTo("limit"));
        assertThatThrownBy(() -> parse("to_serial", "9223372036854775808")).isInstanceOf(BadParameter.class)
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> QueryParameters.parse("a", "c", Map.of(), 10)).isInstanceOf(BadParameter.class)
                .satisfies(e -> assertThat(((BadParameter) e).parameter()).isEqualTo("stream_id"));
    }
}
