package dev.starling.push.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The allowlist compares normalized URLs: no user info, no scheme or case tricks. */
class EndpointAllowlistUnitTest {

    private final EndpointAllowlist allowlist = new EndpointAllowlist(List.of("https://fcm.googleapis.com/",
            "https://updates.push.services.mozilla.com/"));

    @Test
    void publicPushServicesAreAllowed() {
        assertThat(allowlist.allows("https://fcm.googleapis.com/fcm/send/abc:def")).isTrue();
        assertThat(allowlist.allows("https://FCM.googleapis.com/fcm/send/abc")).isTrue();
        assertThat(allowlist.allows("https://updates.push.services.mozilla.com/wpush/v2/gAAA")).isTrue();
    }

    @Test
    void everythingElseIsNot() {
        assertThat(allowlist.allows("http://fcm.googleapis.com/fcm/send/abc")).isFalse();
        assertThat(allowlist.allows("https://fcm.googleapis.com.evil.example/x")).isFalse();
        assertThat(allowlist.allows("https://fcm.googleapis.com@127.0.0.1/x")).isFalse();
        assertThat(allowlist.allows("https://user@fcm.googleapis.com/x")).isFalse();
        assertThat(allowlist.allows("https://fcm.googleapis.com:8443/x")).isFalse();
        assertThat(allowlist.allows("https://fcm.googleapis.com/x#frag")).isFalse();
        assertThat(allowlist.allows("ftp://fcm.googleapis.com/x")).isFalse();
        assertThat(allowlist.allows("not a url")).isFalse();
        assertThat(allowlist.allows(null)).isFalse();
    }
}
