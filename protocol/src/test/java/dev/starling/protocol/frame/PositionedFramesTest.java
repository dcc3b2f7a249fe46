package dev.starling.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.starling.protocol.frame.PositionedFrames.ResumeFailure;

/** Golden frames of protocol 2 (PROTOCOL-V2.md). */
class PositionedFramesTest {

    @Test
    void aChannelMessageGetsItsPositionAfterItsFields() {
        String v1 = ServerFrames.channelEvent("order.created", "orders", "{\"id\":7}", null);
        assertThat(PositionedFrames.withPosition(v1, "s-3f2a", 4711)).isEqualTo("{\"event\":\"order.created\","
                + "\"channel\":\"orders\",\"data\":\"{\\\"id\\\":7}\",\"message_id\":\"s-3f2a:4711\","
                + "\"stream_id\":\"s-3f2a\",\"serial\":4711}");
        String client = ServerFrames.channelEvent("client-x", "presence-r", "{}", "u1");
        assertThat(PositionedFrames.withPosition(client, "k.3", 9)).isEqualTo("{\"event\":\"client-x\","
                + "\"channel\":\"presence-r\",\"data\":\"{}\",\"user_id\":\"u1\",\"message_id\":\"k.3:9\","
                + "\"stream_id\":\"k.3\",\"serial\":9}");
    }

    @Test
    void subscriptionSucceededCarriesTheAttachPositionOrNull() {
        assertThat(PositionedFrames.subscriptionSucceeded("orders", "s-3f2a", 4711L)).isEqualTo(
                "{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"orders\",\"data\":\"{}\","
                        + "\"stream_id\":\"s-3f2a\",\"serial\":4711}");
        assertThat(PositionedFrames.subscriptionSucceeded("orders", "s-3f2a", null)).endsWith(
                ",\"stream_id\":\"s-3f2a\",\"serial\":null}");
        assertThat(PositionedFrames.presenceSubscriptionSucceeded("presence-r",
                List.of(new PresenceMember("a", "{}")), null, null)).isEqualTo(
                "{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"presence-r\",\"data\":"
                        + "\"{\\\"presence\\\":{\\\"ids\\\":[\\\"a\\\"],\\\"hash\\\":{\\\"a\\\":{}},\\\"count\\\":1}}\","
                        + "\"stream_id\":null,\"serial\":null}");
    }

    @Test
    void controlEventsCarryAnObject() {
        assertThat(PositionedFrames.rewindComplete("orders", 3, "s-3f2a", 4711L, false)).isEqualTo(
                "{\"event\":\"starling:rewind_complete\",\"channel\":\"orders\",\"data\":{\"count\":3,"
                        + "\"stream_id\":\"s-3f2a\",\"serial\":4711,\"truncated\":false}}");
        assertThat(PositionedFrames.resumeSuccess("orders", 5, "s-3f2a", 4716L)).isEqualTo(
                "{\"event\":\"starling:resume_success\",\"channel\":\"orders\",\"data\":{\"replayed\":5,"
                        + "\"stream_id\":\"s-3f2a\",\"serial\":4716}}");
        assertThat(PositionedFrames.resumeFailed("orders", ResumeFailure.POSITION_EXPIRED, "gone \"old\"", "s-3f2a",
                5000L)).isEqualTo("{\"event\":\"starling:resume_failed\",\"channel\":\"orders\",\"data\":{"
                        + "\"code\":\"position_expired\",\"reason\":\"gone \\\"old\\\"\",\"stream_id\":\"s-3f2a\","
                        + "\"oldest_serial\":5000}}");
        assertThat(PositionedFrames.resumeFailed("orders", ResumeFailure.UNAVAILABLE, "down", "s", null))
                .contains("\"code\":\"unavailable\"").endsWith("\"oldest_serial\":null}}");
    }
}
