package dev.starling.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.starling.protocol.json.Json;

/** {@link FrameDecoder} maps every client text frame to exactly one {@link ClientFrame}. */
class FrameDecoderTest {

    private static ClientFrame decode(String text) {
        return FrameDecoder.decode(text);
    }

    private static String invalidReason(String text) {
        ClientFrame frame = decode(text);
        assertThat(frame).as("decoding %s", text).isInstanceOf(ClientFrame.Invalid.class);
        String reason = ((ClientFrame.Invalid) frame).reason();
        assertThat(reason).as("reason for %s", text).isNotBlank();
        return reason;
    }

    // --- heartbeat

    @Test
    void pingWithData() {
        assertThat(decode("{\"event\":\"pusher:ping\",\"data\":{}}")).isEqualTo(new ClientFrame.Ping());
    }

    @Test
    void pingWithoutDataAsPusherJavaClientSendsIt() {
        assertThat(decode("{\"event\": \"pusher:ping\"}")).isEqualTo(new ClientFrame.Ping());
    }

    @Test
    void pingWithStringData() {
        assertThat(decode("{\"event\":\"pusher:ping\",\"data\":\"{}\"}")).isEqualTo(new ClientFrame.Ping());
    }

    @Test
    void pong() {
        assertThat(decode("{\"event\":\"pusher:pong\",\"data\":{}}")).isEqualTo(new ClientFrame.Pong());
        assertThat(decode("{\"event\":\"pusher:pong\"}")).isEqualTo(new ClientFrame.Pong());
    }

    // --- subscribe

    @Test
    void subscribeWithObjectData() {
        assertThat(decode("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"my-channel\"}}"))
                .isEqualTo(new ClientFrame.Subscribe("my-channel", null, null));
    }

    @Test
    void subscribeWithDataGivenAsAJsonString() {
        assertThat(decode("{\"event\":\"pusher:subscribe\",\"data\":\"{\\\"channel\\\":\\\"my-channel\\\",\\\"auth\\\":\\\"k:s\\\"}\"}"))
                .isEqualTo(new ClientFrame.Subscribe("my-channel", "k:s", null));
    }

    @Test
    void subscribeWithAuth() {
        assertThat(decode("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"private-foobar\",\"auth\":\"278d425bdf160c739803:58df8b0c\"}}"))
                .isEqualTo(new ClientFrame.Subscribe("private-foobar", "278d425bdf160c739803:58df8b0c", null));
    }

    @Test
    void subscribeWithAuthAndChannelDataKeepsTheExactChannelDataString() {
        String frame = "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"presence-foobar\",\"auth\":\"k:s\","
                + "\"channel_data\":\"{\\\"user_id\\\":10,\\\"user_info\\\":{\\\"name\\\":\\\"Mr. Channels\\\"}}\"}}";

        assertThat(decode(frame)).isEqualTo(new ClientFrame.Subscribe("presence-foobar", "k:s",
                "{\"user_id\":10,\"user_info\":{\"name\":\"Mr. Channels\"}}"));
    }

    @Test
    void subscribeWithNullAuthAndChannelDataTreatsThemAsAbsent() {
        assertThat(decode("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"c\",\"auth\":null,\"channel_data\":null}}"))
                .isEqualTo(new ClientFrame.Subscribe("c", null, null));
    }

    @Test
    void subscribeIgnoresUnknownFieldsAndFieldOrder() {
        assertThat(decode("{\"data\":{\"x\":[1,{}],\"channel\":\"c\"},\"channel\":\"ignored\",\"event\":\"pusher:subscribe\"}"))
                .isEqualTo(new ClientFrame.Subscribe("c", null, null));
    }

    @Test
    void subscribeWithoutChannelIsInvalid() {
        assertThat(invalidReason("{\"event\":\"pusher:subscribe\",\"data\":{}}")).contains("channel");
        assertThat(invalidReason("{\"event\":\"pusher:subscribe\",\"data\":{\"auth\":\"k:s\"}}")).contains("channel");
    }

    @Test
    void subscribeWithNonStringChannelIsInvalid() {
        assertThat(invalidReason("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":1}}")).contains("channel");
        assertThat(invalidReason("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":null}}")).contains("channel");
        assertThat(invalidReason("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":[\"c\"]}}")).contains("channel");
    }

    @Test
    void subscribeWithNonStringAuthIsInvalid() {
        assertThat(invalidReason("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"private-c\",\"auth\":{}}}"))
                .contains("auth");
        assertThat(invalidReason("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"private-c\",\"auth\":12}}"))
                .contains("auth");
    }

    @Test
    void subscribeWithNonStringChannelDataIsInvalid() {
        assertThat(invalidReason("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"presence-c\",\"auth\":\"k:s\","
                + "\"channel_data\":{\"user_id\":\"1\"}}}")).contains("channel_data");
    }

    @Test
    void subscribeWithoutDataIsInvalid() {
        assertThat(invalidReason("{\"event\":\"pusher:subscribe\"}")).contains("data");
    }

    @Test
    void subscribeWithNonObjectDataIsInvalid() {
        assertThat(invalidReason("{\"event\":\"pusher:subscribe\",\"data\":[\"c\"]}")).contains("data");
        assertThat(invalidReason("{\"event\":\"pusher:subscribe\",\"data\":12}")).contains("data");
        assertThat(invalidReason("{\"event\":\"pusher:subscribe\",\"data\":null}")).contains("data");
        assertThat(invalidReason("{\"event\":\"pusher:subscribe\",\"data\":\"my-channel\"}")).contains("data");
        assertThat(invalidReason("{\"event\":\"pusher:subscribe\",\"data\":\"[1]\"}")).contains("data");
    }

    // --- unsubscribe

    @Test
    void unsubscribe() {
        assertThat(decode("{\"event\":\"pusher:unsubscribe\",\"data\":{\"channel\":\"my-channel\"}}"))
                .isEqualTo(new ClientFrame.Unsubscribe("my-channel"));
        assertThat(decode("{\"event\":\"pusher:unsubscribe\",\"data\":\"{\\\"channel\\\":\\\"my-channel\\\"}\"}"))
                .isEqualTo(new ClientFrame.Unsubscribe("my-channel"));
    }

    @Test
    void unsubscribeWithoutStringChannelIsInvalid() {
        assertThat(invalidReason("{\"event\":\"pusher:unsubscribe\",\"data\":{}}")).contains("channel");
        assertThat(invalidReason("{\"event\":\"pusher:unsubscribe\",\"data\":{\"channel\":false}}")).contains("channel");
        assertThat(invalidReason("{\"event\":\"pusher:unsubscribe\"}")).contains("data");
    }

    // --- signin

    @Test
    void signinKeepsTheExactUserDataString() {
        String frame = "{\"event\":\"pusher:signin\",\"data\":{\"auth\":\"k:s\",\"user_data\":\"{\\\"id\\\":\\\"12345\\\"}\"}}";

        assertThat(decode(frame)).isEqualTo(new ClientFrame.Signin("k:s", "{\"id\":\"12345\"}"));
    }

    @Test
    void signinWithDataGivenAsAJsonString() {
        String frame = "{\"event\":\"pusher:signin\",\"data\":\"{\\\"auth\\\":\\\"k:s\\\",\\\"user_data\\\":\\\"{}\\\"}\"}";

        assertThat(decode(frame)).isEqualTo(new ClientFrame.Signin("k:s", "{}"));
    }

    @Test
    void signinWithoutUserDataIsInvalid() {
        assertThat(invalidReason("{\"event\":\"pusher:signin\",\"data\":{\"auth\":\"k:s\"}}")).contains("user_data");
    }

    @Test
    void signinWithNonStringUserDataIsInvalid() {
        assertThat(invalidReason("{\"event\":\"pusher:signin\",\"data\":{\"auth\":\"k:s\",\"user_data\":{\"id\":\"1\"}}}"))
                .contains("user_data");
    }

    @Test
    void signinWithoutStringAuthIsInvalid() {
        assertThat(invalidReason("{\"event\":\"pusher:signin\",\"data\":{\"user_data\":\"{}\"}}")).contains("auth");
        assertThat(invalidReason("{\"event\":\"pusher:signin\",\"data\":{\"auth\":1,\"user_data\":\"{}\"}}")).contains("auth");
    }

    @Test
    void signinWithoutDataIsInvalid() {
        assertThat(invalidReason("{\"event\":\"pusher:signin\"}")).contains("data");
    }

    // --- client events

    @Test
    void clientEventWithObjectDataKeepsTheExactJsonText() {
        assertThat(decode("{\"event\":\"client-x\",\"channel\":\"private-c\",\"data\":{\"a\":1.10}}"))
                .isEqualTo(new ClientFrame.ClientEvent("client-x", "private-c", "{\"a\":1.10}"));
    }

    @Test
    void clientEventDataKeepsWhitespaceInsideButNotAround() {
        String data = "{ \"a\" :\n [ 1 ,\t2e10, -0.0 ], \"b\" : { } }";

        assertThat(decode("{\"event\":\"client-x\",\"channel\":\"private-c\",\"data\":  " + data + " \n}"))
                .isEqualTo(new ClientFrame.ClientEvent("client-x", "private-c", data));
    }

    @Test
    void clientEventDataKeepsEscapesAndUnicodeVerbatim() {
        String data = "{\"s\":\"\\u00e9\\n\\\"x\\\" \\/ é 😀\"}";

        assertThat(decode("{\"event\":\"client-x\",\"channel\":\"private-c\",\"data\":" + data + "}"))
                .isEqualTo(new ClientFrame.ClientEvent("client-x", "private-c", data));
    }

    @Test
    void clientEventDataMayComeBeforeEventAndChannel() {
        assertThat(decode("{\"data\":{\"a\":[1,2]},\"channel\":\"presence-c\",\"event\":\"client-typing\"}"))
                .isEqualTo(new ClientFrame.ClientEvent("client-typing", "presence-c", "{\"a\":[1,2]}"));
    }

    @Test
    void clientEventWithStringDataGivesTheDecodedString() {
        assertThat(decode("{\"event\":\"client-x\",\"channel\":\"private-c\",\"data\":\"a\\nb \\\"q\\\" \\u00e9 \\ud83d\\ude00\"}"))
                .isEqualTo(new ClientFrame.ClientEvent("client-x", "private-c", "a\nb \"q\" é 😀"));
    }

    @Test
    void clientEventWithStringHoldingJsonGivesThatStringNotItsParse() {
        assertThat(decode("{\"event\":\"client-x\",\"channel\":\"private-c\",\"data\":\"{\\\"a\\\": 1.10}\"}"))
                .isEqualTo(new ClientFrame.ClientEvent("client-x", "private-c", "{\"a\": 1.10}"));
    }

    @Test
    void clientEventWithEmptyStringData() {
        assertThat(decode("{\"event\":\"client-x\",\"channel\":\"private-c\",\"data\":\"\"}"))
                .isEqualTo(new ClientFrame.ClientEvent("client-x", "private-c", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "-0.5e3", "1.10", "0", "true", "false", "null", "[]", "[1,\"x\",{\"a\":null}]", "{}"})
    void clientEventWithNonStringDataGivesItsExactJsonText(String data) {
        assertThat(decode("{\"event\":\"client-x\",\"channel\":\"private-c\",\"data\":" + data + "}"))
                .isEqualTo(new ClientFrame.ClientEvent("client-x", "private-c", data));
    }

    @Test
    void clientEventNumberDataFollowedBySpaceExcludesTheSpace() {
        assertThat(decode("{\"event\":\"client-x\",\"data\":42 ,\"channel\":\"private-c\"}"))
                .isEqualTo(new ClientFrame.ClientEvent("client-x", "private-c", "42"));
    }

    @Test
    void clientEventWithoutDataHasNullData() {
        assertThat(decode("{\"event\":\"client-x\",\"channel\":\"private-c\"}"))
                .isEqualTo(new ClientFrame.ClientEvent("client-x", "private-c", null));
    }

    @Test
    void clientEventWithoutChannelHasNullChannel() {
        assertThat(decode("{\"event\":\"client-x\",\"data\":{}}"))
                .isEqualTo(new ClientFrame.ClientEvent("client-x", null, "{}"));
        assertThat(decode("{\"event\":\"client-x\",\"channel\":null,\"data\":{}}"))
                .isEqualTo(new ClientFrame.ClientEvent("client-x", null, "{}"));
    }

    @Test
    void clientEventWithNonStringChannelIsInvalid() {
        assertThat(invalidReason("{\"event\":\"client-x\",\"channel\":1,\"data\":{}}")).contains("channel");
        assertThat(invalidReason("{\"event\":\"client-x\",\"channel\":[\"private-c\"],\"data\":{}}")).contains("channel");
    }

    @Test
    void bareClientPrefixIsAClientEvent() {
        assertThat(decode("{\"event\":\"client-\",\"channel\":\"private-c\"}"))
                .isEqualTo(new ClientFrame.ClientEvent("client-", "private-c", null));
    }

    // --- unknown

    @ParameterizedTest
    @ValueSource(strings = {"pusher:foo", "pusher:connection_established", "pusher:error",
            "pusher_internal:subscription_succeeded", "pusher:PING", "my-event", "Client-x", "clientx", "", "xclient-y"})
    void unknownEventsAreReportedAsUnknown(String event) {
        assertThat(decode("{\"event\":\"" + event + "\",\"channel\":\"private-c\",\"data\":{}}"))
                .isEqualTo(new ClientFrame.Unknown(event));
    }

    // --- invalid

    @Test
    void notJsonIsInvalid() {
        assertThat(invalidReason("hello")).contains("Invalid JSON");
        assertThat(invalidReason("{\"event\":\"pusher:ping\"")).isNotBlank();
        assertThat(invalidReason("{event:\"pusher:ping\"}")).isNotBlank();
        assertThat(invalidReason("{'event':'pusher:ping'}")).isNotBlank();
        assertThat(invalidReason("{\"event\":\"pusher:ping\",}")).isNotBlank();
    }

    @Test
    void jsonArrayIsInvalid() {
        assertThat(invalidReason("[{\"event\":\"pusher:ping\"}]")).contains("object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"pusher:ping\"", "42", "null", "true"})
    void jsonScalarIsInvalid(String text) {
        assertThat(invalidReason(text)).contains("object");
    }

    @Test
    void emptyAndBlankInputIsInvalid() {
        assertThat(invalidReason("")).contains("object");
        assertThat(invalidReason("  \n ")).contains("object");
    }

    @Test
    void nullInputIsInvalid() {
        assertThat(invalidReason(null)).isNotBlank();
    }

    @Test
    void trailingGarbageAfterTheObjectIsInvalid() {
        invalidReason("{\"event\":\"pusher:ping\"} x");
        invalidReason("{\"event\":\"pusher:ping\"}}");
        invalidReason("{\"event\":\"pusher:ping\"}{\"event\":\"pusher:ping\"}");
        invalidReason("{\"event\":\"pusher:ping\"} 1");
    }

    @Test
    void trailingWhitespaceIsAccepted() {
        assertThat(decode(" {\"event\":\"pusher:ping\"} \r\n")).isEqualTo(new ClientFrame.Ping());
    }

    @Test
    void missingEventIsInvalid() {
        assertThat(invalidReason("{}")).contains("event");
        assertThat(invalidReason("{\"channel\":\"c\",\"data\":{}}")).contains("event");
    }

    @Test
    void nonStringEventIsInvalid() {
        assertThat(invalidReason("{\"event\":null}")).contains("event");
        assertThat(invalidReason("{\"event\":1}")).contains("event");
        assertThat(invalidReason("{\"event\":{\"name\":\"pusher:ping\"}}")).contains("event");
        assertThat(invalidReason("{\"event\":[\"pusher:ping\"]}")).contains("event");
    }

    @Test
    void nestingUpTo64LevelsIsAccepted() {
        // the frame object is level 1
        String data = "[".repeat(Json.MAX_NESTING_DEPTH - 1) + "]".repeat(Json.MAX_NESTING_DEPTH - 1);

        assertThat(decode("{\"event\":\"client-x\",\"channel\":\"private-c\",\"data\":" + data + "}"))
                .isEqualTo(new ClientFrame.ClientEvent("client-x", "private-c", data));
    }

    @Test
    void nestingDeeperThan64LevelsIsInvalid() {
        assertThat(Json.MAX_NESTING_DEPTH).isEqualTo(64);
        String data = "[".repeat(64) + "]".repeat(64);

        assertThat(invalidReason("{\"event\":\"client-x\",\"channel\":\"private-c\",\"data\":" + data + "}"))
                .contains("nesting");
    }

    @Test
    void veryDeepNestingIsInvalidWithoutExhaustingTheStack() {
        String objects = "{\"a\":".repeat(100_000);

        assertThat(invalidReason("{\"event\":\"client-x\",\"data\":" + objects + "}")).contains("nesting");
        assertThat(invalidReason("{\"event\":\"pusher:subscribe\",\"data\":" + "[".repeat(100_000))).contains("nesting");
    }

    @Test
    void deeplyNestedSubscribeDataStringIsInvalid() {
        String inner = "{\\\"channel\\\":\\\"c\\\",\\\"x\\\":" + "[".repeat(100) + "]".repeat(100) + "}";

        invalidReason("{\"event\":\"pusher:subscribe\",\"data\":\"" + inner + "\"}");
    }

    @Test
    void duplicateFieldsKeepTheLastValueAsJsonParseDoes() {
        assertThat(decode("{\"event\":\"pusher:ping\",\"event\":\"pusher:pong\"}")).isEqualTo(new ClientFrame.Pong());
    }
}
