package dev.starling.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which request paths are the WebSocket endpoint's, and the app key they name. */
class AppKeyPathTest {

    @Test
    void theKeyIsTheSegmentAfterApp() {
        assertThat(PusherEndpoint.appKey("/app/278d425bdf160c739803")).isEqualTo("278d425bdf160c739803");
    }

    @Test
    void aPercentEncodedKeyIsDecodedAndAPlusStaysAPlus() {
        assertThat(PusherEndpoint.appKey("/app/my%2Dkey+1")).isEqualTo("my-key+1");
    }

    @Test
    void pathsThatAreNotAppSlashKeyAreNotTheEndpoints() {
        assertThat(PusherEndpoint.appKey("/app")).isNull();
        assertThat(PusherEndpoint.appKey("/app/")).isNull();
        assertThat(PusherEndpoint.appKey("/app/key/more")).isNull();
        assertThat(PusherEndpoint.appKey("/apps/1/events")).isNull();
        assertThat(PusherEndpoint.appKey("/app/bad%zzescape")).isNull();
        assertThat(PusherEndpoint.appKey(null)).isNull();
    }
}
