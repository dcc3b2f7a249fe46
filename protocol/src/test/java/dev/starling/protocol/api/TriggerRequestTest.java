package dev.starling.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.starling.protocol.Parsed;

/** {@link TriggerRequest} parses the bodies of {@code POST /events} and {@code POST /batch_events}. */
class TriggerRequestTest {

    @Test
    void theDocumentedBody() {
        TriggerRequest request = TriggerRequest.parse(
                "{\"name\":\"foo\",\"channels\":[\"project-3\"],\"data\":\"{\\\"some\\\":\\\"data\\\"}\"}").value();

        assertThat(request).isEqualTo(new TriggerRequest("foo", "{\"some\":\"data\"}", List.of("project-3"), null, Set.of()));
    }

    @Test
    void singleChannel() {
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"channel\":\"c\",\"data\":\"d\"}").value().channels())
                .containsExactly("c");
    }

    @Test
    void severalChannelsKeepRequestOrder() {
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"channels\":[\"c\",\"a\",\"b\"],\"data\":\"d\"}").value().channels())
                .containsExactly("c", "a", "b");
    }

    @Test
    void duplicateChannelsAreRemovedKeepingOrder() {
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"channels\":[\"b\",\"a\",\"b\",\"c\",\"a\"],\"data\":\"d\"}")
                .value().channels()).containsExactly("b", "a", "c");
    }

    @Test
    void nullChannelsFallsBackToChannel() {
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"channels\":null,\"channel\":\"c\",\"data\":\"d\"}").value().channels())
                .containsExactly("c");
    }

    @Test
    void dataIsKeptAsTheExactDecodedString() {
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"channel\":\"c\",\"data\":\"{\\\"a\\\": 1.10}\\n\\u00e9\"}")
                .value().data()).isEqualTo("{\"a\": 1.10}\né");
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"channel\":\"c\",\"data\":\"\"}").value().data()).isEmpty();
    }

    @Test
    void missingNameIsRefused() {
        assertThat(TriggerRequest.parse("{\"channel\":\"c\",\"data\":\"d\"}").reason()).contains("'name'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "1", "null", "[\"e\"]", "{}"})
    void nonStringOrEmptyNameIsRefused(String name) {
        assertThat(TriggerRequest.parse("{\"name\":" + name + ",\"channel\":\"c\",\"data\":\"d\"}").reason())
                .contains("'name'");
    }

    @Test
    void nameOf200CharactersIsAcceptedAnd201Refused() {
        assertThat(TriggerRequest.MAX_EVENT_NAME_LENGTH).isEqualTo(200);
        assertThat(TriggerRequest.parse("{\"name\":\"" + "e".repeat(200) + "\",\"channel\":\"c\",\"data\":\"d\"}").isOk()).isTrue();
        assertThat(TriggerRequest.parse("{\"name\":\"" + "e".repeat(201) + "\",\"channel\":\"c\",\"data\":\"d\"}").reason())
                .contains("200");
    }

    @Test
    void missingDataIsRefused() {
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"channel\":\"c\"}").reason()).contains("'data'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"some\":\"data\"}", "1", "null", "true", "[\"d\"]"})
    void nonStringDataIsRefused(String data) {
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"channel\":\"c\",\"data\":" + data + "}").reason())
                .contains("'data'");
    }

    @Test
    void missingChannelsIsRefused() {
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"data\":\"d\"}").reason()).contains("'channels' or 'channel'");
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"channels\":[],\"data\":\"d\"}").reason())
                .contains("'channels' or 'channel'");
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"channel\":null,\"data\":\"d\"}").reason())
                .contains("'channels' or 'channel'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"c\"", "[1]", "[\"a\",null]", "[[\"a\"]]", "{\"a\":\"b\"}"})
    void channelsThatAreNotAnArrayOfStringsAreRefused(String channels) {
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"channels\":" + channels + ",\"data\":\"d\"}").reason())
                .contains("'channels'");
    }

    @Test
    void nonStringChannelIsRefused() {
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"channel\":[\"c\"],\"data\":\"d\"}").reason()).contains("'channel'");
    }

    @Test
    void socketIdIsKeptForExclusion() {
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"channel\":\"c\",\"data\":\"d\",\"socket_id\":\"123.456\"}")
                .value().socketId()).isEqualTo("123.456");
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"channel\":\"c\",\"data\":\"d\",\"socket_id\":null}")
                .value().socketId()).isNull();
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"channel\":\"c\",\"data\":\"d\"}").value().socketId()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"123\"", "\"123.\"", "\".456\"", "\"abc.def\"", "\"1.2.3\"", "\"123:456\"",
            "\" 123.456\"", "\"123.456\\n\"", "123.456", "\"-1.2\"", "\"١٢٣.٤٥٦\""})
    void malformedSocketIdIsRefused(String socketId) {
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"channel\":\"c\",\"data\":\"d\",\"socket_id\":" + socketId + "}")
                .reason()).contains("'socket_id'");
    }

    @Test
    void infoIsParsed() {
        TriggerRequest request = TriggerRequest.parse(
                "{\"name\":\"e\",\"channel\":\"presence-c\",\"data\":\"d\",\"info\":\"user_count,subscription_count\"}").value();

        assertThat(request.info()).containsExactlyInAnyOrder(InfoAttribute.USER_COUNT, InfoAttribute.SUBSCRIPTION_COUNT);
    }

    @Test
    void missingOrNullInfoIsEmpty() {
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"channel\":\"c\",\"data\":\"d\"}").value().info()).isEmpty();
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"channel\":\"c\",\"data\":\"d\",\"info\":null}").value().info()).isEmpty();
    }

    @Test
    void unknownInfoAttributeIsRefused() {
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"channel\":\"c\",\"data\":\"d\",\"info\":\"user_count,members\"}")
                .reason()).contains("members");
    }

    @Test
    void cacheInfoIsRefusedOnEvents() {
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"channel\":\"c\",\"data\":\"d\",\"info\":\"cache\"}").reason())
                .contains("'info'");
    }

    @Test
    void nonStringInfoIsRefused() {
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"channel\":\"c\",\"data\":\"d\",\"info\":[\"user_count\"]}").reason())
                .contains("'info'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "[]", "[{\"name\":\"e\",\"channel\":\"c\",\"data\":\"d\"}]", "null",
            "{\"name\":\"e\",\"channel\":\"c\",\"data\":\"d\"} x"})
    void bodyThatIsNotOneJsonObjectIsRefused(String body) {
        assertThat(TriggerRequest.parse(body).reason()).startsWith("Request body is not a JSON object");
    }

    @Test
    void nullBodyIsRefused() {
        assertThat(TriggerRequest.parse(null).isOk()).isFalse();
        assertThat(TriggerRequest.parseBatch(null).isOk()).isFalse();
    }

    // --- batch

    @Test
    void batchOfTwo() {
        Parsed<List<TriggerRequest>> batch = TriggerRequest.parseBatch("{\"batch\":["
                + "{\"name\":\"e1\",\"channel\":\"a\",\"data\":\"{\\\"x\\\":1.10}\"},"
                + "{\"name\":\"e2\",\"channel\":\"presence-b\",\"data\":\"y\",\"socket_id\":\"1.2\",\"info\":\"user_count\"}]}");

        assertThat(batch.value()).containsExactly(
                new TriggerRequest("e1", "{\"x\":1.10}", List.of("a"), null, Set.of()),
                new TriggerRequest("e2", "y", List.of("presence-b"), "1.2", Set.of(InfoAttribute.USER_COUNT)));
    }

    @Test
    void emptyBatchIsAnEmptyList() {
        assertThat(TriggerRequest.parseBatch("{\"batch\":[]}").value()).isEmpty();
    }

    @Test
    void everyBatchElementNeedsExactlyOneChannel() {
        assertThat(TriggerRequest.parseBatch("{\"batch\":[{\"name\":\"e\",\"channels\":[\"a\",\"b\"],\"data\":\"d\"}]}")
                .reason()).isEqualTo("batch[0]: a batch event needs exactly one 'channel'");
        assertThat(TriggerRequest.parseBatch("{\"batch\":[{\"name\":\"e\",\"data\":\"d\"}]}").reason())
                .startsWith("batch[0]: ").contains("'channel'");
    }

    @Test
    void batchElementWithOneChannelInAChannelsArrayIsAccepted() {
        assertThat(TriggerRequest.parseBatch("{\"batch\":[{\"name\":\"e\",\"channels\":[\"a\"],\"data\":\"d\"}]}").value())
                .singleElement().extracting(TriggerRequest::channels).isEqualTo(List.of("a"));
    }

    @Test
    void batchErrorsNameTheIndexOfTheBadElement() {
        String body = "{\"batch\":[{\"name\":\"e\",\"channel\":\"a\",\"data\":\"d\"},"
                + "{\"name\":\"e\",\"channel\":\"b\",\"data\":\"d\"},"
                + "{\"name\":\"e\",\"channel\":\"c\",\"data\":7}]}";

        assertThat(TriggerRequest.parseBatch(body).reason()).startsWith("batch[2]: ").contains("'data'");
    }

    @Test
    void batchElementThatIsNotAnObjectIsRefused() {
        assertThat(TriggerRequest.parseBatch("{\"batch\":[{\"name\":\"e\",\"channel\":\"a\",\"data\":\"d\"},\"x\"]}").reason())
                .isEqualTo("batch[1]: not a JSON object");
    }

    @Test
    void batchElementWithCacheInfoIsRefused() {
        assertThat(TriggerRequest.parseBatch("{\"batch\":[{\"name\":\"e\",\"channel\":\"a\",\"data\":\"d\",\"info\":\"cache\"}]}")
                .reason()).startsWith("batch[0]: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"batch\":null}", "{\"batch\":{}}", "{\"batch\":\"[]\"}", "{\"events\":[]}"})
    void batchThatIsNotAnArrayIsRefused(String body) {
        assertThat(TriggerRequest.parseBatch(body).reason()).contains("'batch' array");
    }

    @Test
    void batchBodyThatIsNotAJsonObjectIsRefused() {
        assertThat(TriggerRequest.parseBatch("[{\"name\":\"e\",\"channel\":\"a\",\"data\":\"d\"}]").reason())
                .startsWith("Request body is not a JSON object");
    }

    @Test
    void recordIsImmutable() {
        TriggerRequest request = TriggerRequest.parse("{\"name\":\"e\",\"channels\":[\"a\",\"b\"],\"data\":\"d\",\"info\":\"user_count\"}")
                .value();

        assertThat(request.channels()).isUnmodifiable();
        assertThat(request.info()).isUnmodifiable();
    }

    @org.junit.jupiter.api.Test
    void extrasPushIsKeptVerbatimAndOtherExtrasAreIgnored() {
        TriggerRequest request = TriggerRequest.parse("{\"name\":\"e\",\"channel\":\"news\",\"data\":\"x\","
                + "\"extras\":{\"push\":{\"web\":{\"notification\":{\"title\":\"Hi\"}}},\"other\":1}}").value();
        assertThat(request.push()).isEqualTo("{\"web\":{\"notification\":{\"title\":\"Hi\"}}}");
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"channel\":\"n\",\"data\":\"x\",\"extras\":{}}").value()
                .push()).isNull();
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"channel\":\"n\",\"data\":\"x\",\"extras\":{\"push\":1}}")
                .isOk()).isFalse();
        assertThat(TriggerRequest.parse("{\"name\":\"e\",\"channel\":\"n\",\"data\":\"x\",\"extras\":\"push\"}")
                .isOk()).isFalse();
    }
}
