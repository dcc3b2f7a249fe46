package dev.starling.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.starling.protocol.Parsed;

/** {@link UserData#parse} reads the signed {@code user_data} of a sign-in, watchlist included. */
class UserDataTest {

    private static Parsed<UserData> parse(String userData) {
        return UserData.parse(userData, UserData.DEFAULT_MAX_WATCHLIST);
    }

    private static String watchlistOf(List<String> ids) {
        return ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private static List<String> ids(int from, int toExclusive) {
        return IntStream.range(from, toExclusive).mapToObj(i -> "u" + i).toList();
    }

    @Test
    void idOnly() {
        assertThat(parse("{\"id\":\"12345\"}").value()).isEqualTo(new UserData("12345", null, List.of(), false));
    }

    @Test
    void userInfoIsKeptAsRawText() {
        assertThat(parse("{\"id\":\"1\",\"user_info\":{ \"name\": \"a\", \"n\": 1.10 }}").value().userInfo())
                .isEqualTo("{ \"name\": \"a\", \"n\": 1.10 }");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"id\":\"\"}", "{\"id\":12345}", "{\"id\":null}", "{\"id\":[\"1\"]}", "{\"id\":{}}",
            "{\"user_id\":\"1\"}"})
    void idMustBeANonEmptyString(String userData) {
        assertThat(parse(userData).reason()).contains("'id'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "[]", "\"{}\"", "{\"id\":\"1\"", "{\"id\":\"1\"}{}"})
    void userDataThatIsNotOneJsonObjectIsRefused(String userData) {
        assertThat(parse(userData).reason()).isNotBlank();
    }

    @Test
    void nullUserDataIsRefused() {
        assertThat(parse(null).isOk()).isFalse();
    }

    @Test
    void watchlistKeepsOrder() {
        assertThat(parse("{\"id\":\"1\",\"watchlist\":[\"c\",\"a\",\"b\"]}").value().watchlist())
                .containsExactly("c", "a", "b");
    }

    @Test
    void watchlistDuplicatesAreRemovedKeepingTheFirst() {
        UserData data = parse("{\"id\":\"1\",\"watchlist\":[\"b\",\"a\",\"b\",\"c\",\"a\"]}").value();

        assertThat(data.watchlist()).containsExactly("b", "a", "c");
        assertThat(data.watchlistTruncated()).isFalse();
    }

    @Test
    void numericWatchlistIdsAreAccepted() {
        assertThat(parse("{\"id\":\"1\",\"watchlist\":[2,\"3\",4]}").value().watchlist()).containsExactly("2", "3", "4");
    }

    @Test
    void numericAndStringFormsOfTheSameIdAreOne() {
        assertThat(parse("{\"id\":\"1\",\"watchlist\":[2,\"2\"]}").value().watchlist()).containsExactly("2");
    }

    @Test
    void emptyOrNullWatchlistIsEmpty() {
        assertThat(parse("{\"id\":\"1\",\"watchlist\":[]}").value().watchlist()).isEmpty();
        assertThat(parse("{\"id\":\"1\",\"watchlist\":null}").value().watchlist()).isEmpty();
    }

    @Test
    void watchlistOf100IsKeptWhole() {
        UserData data = parse("{\"id\":\"1\",\"watchlist\":" + watchlistOf(ids(0, 100)) + "}").value();

        assertThat(data.watchlist()).containsExactlyElementsOf(ids(0, 100));
        assertThat(data.watchlistTruncated()).isFalse();
    }

    @Test
    void watchlistOver100IsTruncatedTo100() {
        UserData data = parse("{\"id\":\"1\",\"watchlist\":" + watchlistOf(ids(0, 150)) + "}").value();

        assertThat(data.watchlist()).containsExactlyElementsOf(ids(0, 100));
        assertThat(data.watchlistTruncated()).isTrue();
    }

    @Test
    void watchlistOf101IsTruncated() {
        UserData data = parse("{\"id\":\"1\",\"watchlist\":" + watchlistOf(ids(0, 101)) + "}").value();

        assertThat(data.watchlist()).hasSize(100);
        assertThat(data.watchlistTruncated()).isTrue();
    }

    @Test
    void duplicatesDoNotCountTowardsTheLimit() {
        List<String> ids = new ArrayList<>(ids(0, 100));
        ids.addAll(ids(0, 100));

        UserData data = parse("{\"id\":\"1\",\"watchlist\":" + watchlistOf(ids) + "}").value();

        assertThat(data.watchlist()).containsExactlyElementsOf(ids(0, 100));
        assertThat(data.watchlistTruncated()).isFalse();
    }

    @Test
    void customWatchlistLimit() {
        UserData data = UserData.parse("{\"id\":\"1\",\"watchlist\":[\"a\",\"b\",\"c\"]}", 2).value();

        assertThat(data.watchlist()).containsExactly("a", "b");
        assertThat(data.watchlistTruncated()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"a,b\"", "{\"a\":1}", "1", "true"})
    void nonArrayWatchlistIsRefused(String watchlist) {
        assertThat(parse("{\"id\":\"1\",\"watchlist\":" + watchlist + "}").reason()).contains("watchlist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[null]", "[[\"a\"]]", "[{\"id\":\"a\"}]", "[true]", "[\"a\",null]"})
    void watchlistWithNonIdElementsIsRefused(String watchlist) {
        assertThat(parse("{\"id\":\"1\",\"watchlist\":" + watchlist + "}").reason()).contains("watchlist");
    }

    @Test
    void watchlistIsImmutable() {
        List<String> watchlist = parse("{\"id\":\"1\",\"watchlist\":[\"a\"]}").value().watchlist();

        assertThat(watchlist).isUnmodifiable();
    }
}
