package dev.starling.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.starling.protocol.ErrorCode;

/** {@link ServerFrames} writes every server frame byte-exact, Pusher's double encoding included. */
class ServerFramesGoldenTest {

    @Test
    void connectionEstablished() {
        assertThat(ServerFrames.connectionEstablished("123.456", 120)).isEqualTo(
                "{\"event\":\"pusher:connection_established\",\"data\":\"{\\\"socket_id\\\":\\\"123.456\\\",\\\"activity_timeout\\\":120}\"}");
    }

    @Test
    void errorWithCode() {
        assertThat(ServerFrames.error(4001, "Application does not exist"))
                .isEqualTo("{\"event\":\"pusher:error\",\"data\":{\"code\":4001,\"message\":\"Application does not exist\"}}");
    }

    @Test
    void errorFromErrorCodeUsesItsCodeAndDefaultMessage() {
        assertThat(ServerFrames.error(ErrorCode.CLIENT_EVENT_RATE_LIMIT)).isEqualTo(
                "{\"event\":\"pusher:error\",\"data\":{\"code\":4301,\"message\":\"Client event rejected due to rate limit\"}}");
    }

    @Test
    void errorWithNullCode() {
        assertThat(ServerFrames.error(null, "Frame has no string 'event' field"))
                .isEqualTo("{\"event\":\"pusher:error\",\"data\":{\"code\":null,\"message\":\"Frame has no string 'event' field\"}}");
    }

    @Test
    void errorMessageIsEscaped() {
        assertThat(ServerFrames.error(null, "bad \"x\"\n"))
                .isEqualTo("{\"event\":\"pusher:error\",\"data\":{\"code\":null,\"message\":\"bad \\\"x\\\"\\n\"}}");
    }

    @Test
    void ping() {
        assertThat(ServerFrames.ping()).isEqualTo("{\"event\":\"pusher:ping\",\"data\":{}}");
    }

    @Test
    void pong() {
        assertThat(ServerFrames.pong()).isEqualTo("{\"event\":\"pusher:pong\",\"data\":{}}");
    }

    @Test
    void subscriptionSucceeded() {
        assertThat(ServerFrames.subscriptionSucceeded("private-foo")).isEqualTo(
                "{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"private-foo\",\"data\":\"{}\"}");
    }

    @Test
    void presenceSubscriptionSucceededWithAMemberWithoutUserInfo() {
        List<PresenceMember> members = List.of(new PresenceMember("1", "{\"name\":\"a\"}"), new PresenceMember("2", null));

        assertThat(ServerFrames.presenceSubscriptionSucceeded("presence-foo", members)).isEqualTo(
                "{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"presence-foo\","
                        + "\"data\":\"{\\\"presence\\\":{\\\"ids\\\":[\\\"1\\\",\\\"2\\\"],"
                        + "\\\"hash\\\":{\\\"1\\\":{\\\"name\\\":\\\"a\\\"},\\\"2\\\":null},\\\"count\\\":2}}\"}");
    }

    @Test
    void presenceSubscriptionSucceededWithOneMember() {
        assertThat(ServerFrames.presenceSubscriptionSucceeded("presence-foo", List.of(new PresenceMember("10", "[1, 2]"))))
                .isEqualTo("{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"presence-foo\","
                        + "\"data\":\"{\\\"presence\\\":{\\\"ids\\\":[\\\"10\\\"],\\\"hash\\\":{\\\"10\\\":[1, 2]},\\\"count\\\":1}}\"}");
    }

    @Test
    void presenceSubscriptionSucceededEscapesUserIds() {
        assertThat(ServerFrames.presenceSubscriptionSucceeded("presence-foo", List.of(new PresenceMember("a\"b", null))))
                .isEqualTo("{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"presence-foo\","
                        + "\"data\":\"{\\\"presence\\\":{\\\"ids\\\":[\\\"a\\\\\\\"b\\\"],\\\"hash\\\":{\\\"a\\\\\\\"b\\\":null},"
                        + "\\\"count\\\":1}}\"}");
    }

    @Test
    void subscriptionError() {
        assertThat(ServerFrames.subscriptionError("private-foo", SubscriptionErrorType.AUTH_ERROR, "Invalid signature"))
                .isEqualTo("{\"event\":\"pusher:subscription_error\",\"channel\":\"private-foo\","
                        + "\"data\":\"{\\\"type\\\":\\\"AuthError\\\",\\\"error\\\":\\\"Invalid signature\\\",\\\"status\\\":401}\"}");
    }

    @Test
    void subscriptionErrorTypesAndStatuses() {
        assertThat(ServerFrames.subscriptionError("c", SubscriptionErrorType.INVALID_CHANNEL, "e")).isEqualTo(
                "{\"event\":\"pusher:subscription_error\",\"channel\":\"c\","
                        + "\"data\":\"{\\\"type\\\":\\\"InvalidChannel\\\",\\\"error\\\":\\\"e\\\",\\\"status\\\":400}\"}");
        assertThat(ServerFrames.subscriptionError("c", SubscriptionErrorType.INVALID_CHANNEL_DATA, "e")).isEqualTo(
                "{\"event\":\"pusher:subscription_error\",\"channel\":\"c\","
                        + "\"data\":\"{\\\"type\\\":\\\"InvalidChannelData\\\",\\\"error\\\":\\\"e\\\",\\\"status\\\":400}\"}");
        assertThat(ServerFrames.subscriptionError("c", SubscriptionErrorType.LIMIT_REACHED, "e")).isEqualTo(
                "{\"event\":\"pusher:subscription_error\",\"channel\":\"c\","
                        + "\"data\":\"{\\\"type\\\":\\\"LimitReached\\\",\\\"error\\\":\\\"e\\\",\\\"status\\\":403}\"}");
    }

    @Test
    void memberAdded() {
        assertThat(ServerFrames.memberAdded("presence-foo", new PresenceMember("1", "{\"name\":\"a\"}"))).isEqualTo(
                "{\"event\":\"pusher_internal:member_added\",\"channel\":\"presence-foo\","
                        + "\"data\":\"{\\\"user_id\\\":\\\"1\\\",\\\"user_info\\\":{\\\"name\\\":\\\"a\\\"}}\"}");
    }

    @Test
    void memberAddedWithoutUserInfo() {
        assertThat(ServerFrames.memberAdded("presence-foo", new PresenceMember("1", null))).isEqualTo(
                "{\"event\":\"pusher_internal:member_added\",\"channel\":\"presence-foo\","
                        + "\"data\":\"{\\\"user_id\\\":\\\"1\\\",\\\"user_info\\\":null}\"}");
    }

    @Test
    void memberRemoved() {
        assertThat(ServerFrames.memberRemoved("presence-foo", "1")).isEqualTo(
                "{\"event\":\"pusher_internal:member_removed\",\"channel\":\"presence-foo\",\"data\":\"{\\\"user_id\\\":\\\"1\\\"}\"}");
    }

    @Test
    void subscriptionCount() {
        assertThat(ServerFrames.subscriptionCount("my-channel", 42)).isEqualTo(
                "{\"event\":\"pusher_internal:subscription_count\",\"channel\":\"my-channel\","
                        + "\"data\":\"{\\\"subscription_count\\\":42}\"}");
    }

    @Test
    void cacheMissHasNoData() {
        assertThat(ServerFrames.cacheMiss("cache-x")).isEqualTo("{\"event\":\"pusher:cache_miss\",\"channel\":\"cache-x\"}");
    }

    @Test
    void signinSuccessCarriesTheUserDataStringInAnObject() {
        assertThat(ServerFrames.signinSuccess("{\"id\":\"12345\",\"user_info\":{\"name\":\"a\"}}")).isEqualTo(
                "{\"event\":\"pusher:signin_success\","
                        + "\"data\":{\"user_data\":\"{\\\"id\\\":\\\"12345\\\",\\\"user_info\\\":{\\\"name\\\":\\\"a\\\"}}\"}}");
    }

    @Test
    void watchlistEventsCarryAnObject() {
        List<WatchlistEvent> events = List.of(new WatchlistEvent(WatchlistEvent.Kind.ONLINE, List.of("1", "2")),
                new WatchlistEvent(WatchlistEvent.Kind.OFFLINE, List.of("3")));

        assertThat(ServerFrames.watchlistEvents(events)).isEqualTo(
                "{\"event\":\"pusher_internal:watchlist_events\",\"data\":{\"events\":["
                        + "{\"name\":\"online\",\"user_ids\":[\"1\",\"2\"]},{\"name\":\"offline\",\"user_ids\":[\"3\"]}]}}");
    }

    @Test
    void watchlistEventsWithEmptyLists() {
        assertThat(ServerFrames.watchlistEvents(List.of()))
                .isEqualTo("{\"event\":\"pusher_internal:watchlist_events\",\"data\":{\"events\":[]}}");
        assertThat(ServerFrames.watchlistEvents(List.of(new WatchlistEvent(WatchlistEvent.Kind.ONLINE, List.of()))))
                .isEqualTo("{\"event\":\"pusher_internal:watchlist_events\",\"data\":{\"events\":[{\"name\":\"online\",\"user_ids\":[]}]}}");
    }

    @Test
    void channelEventCarriesDataVerbatimAsAString() {
        assertThat(ServerFrames.channelEvent("my-event", "my-channel", "{\"some\":\"data\"}", null)).isEqualTo(
                "{\"event\":\"my-event\",\"channel\":\"my-channel\",\"data\":\"{\\\"some\\\":\\\"data\\\"}\"}");
    }

    @Test
    void channelEventDataThatIsNotJsonIsStillAString() {
        assertThat(ServerFrames.channelEvent("my-event", "my-channel", "hello", null))
                .isEqualTo("{\"event\":\"my-event\",\"channel\":\"my-channel\",\"data\":\"hello\"}");
        assertThat(ServerFrames.channelEvent("my-event", "my-channel", "", null))
                .isEqualTo("{\"event\":\"my-event\",\"channel\":\"my-channel\",\"data\":\"\"}");
    }

    @Test
    void clientEventOnPresenceCarriesUserIdLast() {
        assertThat(ServerFrames.channelEvent("client-x", "presence-c", "{\"a\":1.10}", "10")).isEqualTo(
                "{\"event\":\"client-x\",\"channel\":\"presence-c\",\"data\":\"{\\\"a\\\":1.10}\",\"user_id\":\"10\"}");
    }

    @Test
    void channelEventWithNullDataOmitsData() {
        assertThat(ServerFrames.channelEvent("client-x", "private-c", null, null))
                .isEqualTo("{\"event\":\"client-x\",\"channel\":\"private-c\"}");
        assertThat(ServerFrames.channelEvent("client-x", "presence-c", null, "1"))
                .isEqualTo("{\"event\":\"client-x\",\"channel\":\"presence-c\",\"user_id\":\"1\"}");
    }

    @Test
    void channelEventDataWithQuotesNewlinesAndUnicodeIsDoubleEncoded() {
        String data = "{\"msg\":\"line1\\nline2 \\\"q\\\"\",\"u\":\"é😀\"}\n\t\\";

        assertThat(ServerFrames.channelEvent("my-event", "my-channel", data, null)).isEqualTo(
                "{\"event\":\"my-event\",\"channel\":\"my-channel\","
                        + "\"data\":\"{\\\"msg\\\":\\\"line1\\\\nline2 \\\\\\\"q\\\\\\\"\\\",\\\"u\\\":\\\"é😀\\\"}\\n\\t\\\\\"}");
    }

    @Test
    void channelEventOnServerToUserChannel() {
        assertThat(ServerFrames.channelEvent("my-event", "#server-to-user-42", "x", null))
                .isEqualTo("{\"event\":\"my-event\",\"channel\":\"#server-to-user-42\",\"data\":\"x\"}");
    }

    @Test
    void eventNameAndChannelAreEscaped() {
        assertThat(ServerFrames.channelEvent("a\"b", "c\\d", "x", "u\"1"))
                .isEqualTo("{\"event\":\"a\\\"b\",\"channel\":\"c\\\\d\",\"data\":\"x\",\"user_id\":\"u\\\"1\"}");
    }
}
