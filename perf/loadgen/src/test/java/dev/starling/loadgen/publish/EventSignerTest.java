package dev.starling.loadgen.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The HTTP API vector of PROTOCOL.md (app 3, key 278d…, timestamp 1353088179). */
class EventSignerTest {

    @Test
    void signsThePublishedVector() {
        byte[] body = "{\"name\":\"foo\",\"channels\":[\"project-3\"],\"data\":\"{\\\"some\\\":\\\"data\\\"}\"}"
                .getBytes(StandardCharsets.UTF_8);
        String uri = new EventSigner("3", "278d425bdf160c739803", "7ad3773142a6692b25b8").uri(body, 1353088179);
        assertThat(uri).isEqualTo("/apps/3/events?auth_key=278d425bdf160c739803&auth_timestamp=1353088179"
                + "&auth_version=1.0&body_md5=ec365a775a4cd0599faeb73354201b6f"
                + "&auth_signature=da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c");
    }
}
