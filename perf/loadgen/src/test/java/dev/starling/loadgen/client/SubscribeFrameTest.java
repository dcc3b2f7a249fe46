package dev.starling.loadgen.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Subscriptions are signed locally; the published vectors of PROTOCOL.md prove the signatures. */
class SubscribeFrameTest {

    private static final String KEY = "278d425bdf160c739803";
    private static final String SECRET = "7ad3773142a6692b25b8";

    @Test
    void publicChannelsCarryNoAuth() {
        assertThat(PusherConnection.subscribeFrame(KEY, SECRET, "1234.1234", "lg-0", null))
                .isEqualTo("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"lg-0\"}}");
    }

    @Test
    void privateChannelsAreSignedWithTheAppSecret() {
        assertThat(PusherConnection.subscribeFrame(KEY, SECRET, "1234.1234", "private-foobar", null))
                .isEqualTo("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"private-foobar\",\"auth\":\""
                        + KEY + ":58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4\"}}");
    }

    @Test
    void presenceChannelsSignTheExactChannelData() {
        String channelData = "{\"user_id\":10,\"user_info\":{\"name\":\"Mr. Channels\"}}";
        assertThat(PusherConnection.subscribeFrame(KEY, SECRET, "1234.1234", "presence-foobar", channelData))
                .isEqualTo("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"presence-foobar\",\"auth\":\""
                        + KEY + ":31935e7d86dba64c2a90aed31fdc61869f9b22ba9d8863bba239c03ca481bc80\","
                        + "\"channel_data\":\"{\\\"user_id\\\":10,\\\"user_info\\\":{\\\"name\\\":\\\"Mr. Channels\\\"}}\"}}");
    }
}
