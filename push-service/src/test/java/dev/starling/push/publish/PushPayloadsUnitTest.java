package dev.starling.push.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What each provider is sent, exactly, for one Beams publish body. */
class PushPayloadsUnitTest {

    private static final String REQUEST = "{\"web\":{\"time_to_live\":30,\"notification\":{\"title\":\"T\"},"
            + "\"data\":{\"a\":1}},\"apns\":{\"aps\":{\"alert\":\"A\"}},\"fcm\":{\"notification\":{\"title\":\"F\","
            + "\"tag\":\"x\"},\"data\":{\"n\":1.50,\"s\":\"s\",\"o\":{\"k\":true}},\"collapse_key\":\"c\"}}";

    @Test
    void webGetsDataPusherAndLosesTimeToLive() {
        assertThat(PushPayloads.web(REQUEST, "inst", "pubid-1")).isEqualTo("{\"notification\":{\"title\":\"T\"},"
                + "\"data\":{\"a\":1,\"pusher\":{\"instanceId\":\"inst\",\"publishId\":\"pubid-1\","
                + "\"hasDisplayableContent\":true,\"hasData\":true}}}");
        assertThat(PushPayloads.webTimeToLive(REQUEST, 99)).isEqualTo(30);
        assertThat(PushPayloads.webTimeToLive("{\"web\":{}}", 99)).isEqualTo(99);
    }

    @Test
    void apnsGetsDataPusher() {
        assertThat(PushPayloads.apns(REQUEST, "inst", "pubid-1")).isEqualTo("{\"aps\":{\"alert\":\"A\"},"
                + "\"data\":{\"pusher\":{\"instanceId\":\"inst\",\"publishId\":\"pubid-1\"}}}");
    }

    @Test
    void fcmBecomesAV1MessageWithStringData() {
        assertThat(PushPayloads.fcm(REQUEST, "inst", "pubid-1", "tok").toString()).isEqualTo("{\"message\":{"
                + "\"token\":\"tok\",\"notification\":{\"title\":\"F\"},\"data\":{\"n\":\"1.50\",\"s\":\"s\","
                + "\"o\":\"{\\\"k\\\":true}\",\"pusher\":\"{\\\"instanceId\\\":\\\"inst\\\",\\\"publishId\\\":"
                + "\\\"pubid-1\\\",\\\"hasDisplayableContent\\\":true,\\\"hasData\\\":true}\"},"
                + "\"android\":{\"notification\":{\"tag\":\"x\"},\"collapse_key\":\"c\"}}}");
    }

    @Test
    void absentPlatformsHaveNoPayload() {
        assertThat(PushPayloads.web("{\"apns\":{\"aps\":{}}}", "i", "p")).isNull();
        assertThat(PushPayloads.apns("{\"web\":{}}", "i", "p")).isNull();
        assertThat(PushPayloads.fcm("{\"web\":{}}", "i", "p", "t")).isNull();
    }
}
