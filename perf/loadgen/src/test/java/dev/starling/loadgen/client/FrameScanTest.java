package dev.starling.loadgen.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.starling.loadgen.publish.Payload;
import dev.starling.protocol.json.JsonText;

class FrameScanTest {

    @Test
    void readsTheEventName() {
        String frame = "{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"c\",\"data\":\"{}\"}";
        assertThat(FrameScan.event(frame)).isEqualTo("pusher_internal:subscription_succeeded");
        assertThat(FrameScan.event("{\"event\" : \"pusher:ping\", \"data\":{}}")).isEqualTo("pusher:ping");
        assertThat(FrameScan.event("{\"data\":{}}")).isNull();
        assertThat(FrameScan.event("not json")).isNull();
    }

    @Test
    void matchesOnlyTheExactEventName() {
        String frame = "{\"event\":\"lg-event\",\"channel\":\"c\",\"data\":\"x\"}";
        assertThat(FrameScan.isEvent(frame, "lg-event")).isTrue();
        assertThat(FrameScan.isEvent(frame, "lg-even")).isFalse();
        assertThat(FrameScan.isEvent("{\"event\":\"lg-event2\"}", "lg-event")).isFalse();
        assertThat(FrameScan.isEvent("{\"channel\":\"lg-event\"}", "lg-event")).isFalse();
    }

    @Test
    void readsTheLoadFieldsFromProtocolFramesAndFromObjectData() {
        String data = new Payload("lg-event", 100).data(1_700_000_000_123_456L, 2, 1);
        String asString = "{\"event\":\"lg-event\",\"channel\":\"c\",\"data\":" + JsonText.quote(data) + "}";
        String asObject = "{\"event\":\"lg-event\",\"channel\":\"c\",\"data\":" + data + "}";
        for (String frame : new String[] {asString, asObject}) {
            assertThat(FrameScan.longField(frame, "lg_t")).isEqualTo(1_700_000_000_123_456L);
            assertThat(FrameScan.longField(frame, "lg_p")).isEqualTo(2);
            assertThat(FrameScan.longField(frame, "lg_n")).isEqualTo(1);
        }
        assertThat(FrameScan.longField(asString, "lg_missing")).isEqualTo(-1);
        assertThat(FrameScan.longField("{\"lg_t\":\"abc\"}", "lg_t")).isEqualTo(-1);
    }

    @Test
    void readsTheSocketIdOfTheHandshake() {
        String frame = "{\"event\":\"pusher:connection_established\","
                + "\"data\":\"{\\\"socket_id\\\":\\\"123.456\\\",\\\"activity_timeout\\\":120}\"}";
        assertThat(FrameScan.socketId(frame)).isEqualTo("123.456");
        assertThat(FrameScan.socketId("{\"event\":\"pusher:connection_established\",\"data\":{}}")).isNull();
    }

    @Test
    void readsErrorCodes() {
        String error = "{\"event\":\"pusher:error\",\"data\":{\"message\":\"Over capacity\",\"code\":4100}}";
        assertThat(FrameScan.longField(error, "code")).isEqualTo(4100);
    }
}
