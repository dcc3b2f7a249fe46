package dev.starling.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.junit.jupiter.api.Test;

import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import dev.starling.testkit.WsClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The opening handshake and every way a connection is refused, frame for frame. */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class HandshakeTest {

    @TestHTTPResource("/")
    URL url;

    @Test
    void connectionEstablishedCarriesSocketIdAndActivityTimeoutAsAString() {
        try (WsClient client = WsClient.connect(url.getPort(), TestApps.DEMO.key())) {
            String frame = client.next();
            assertThat(frame).matches(
                    "\\{\"event\":\"pusher:connection_established\",\"data\":\"\\{\\\\\"socket_id\\\\\":\\\\\"\\d+\\.\\d+\\\\\",\\\\\"activity_timeout\\\\\":120}\"}");
        }
    }

    @Test
    void unknownKeyGetsErrorThen4001() {
        try (WsClient client = WsClient.connect(url.getPort(), "no-such-key")) {
            assertThat(client.next()).isEqualTo(
                    "{\"event\":\"pusher:error\",\"data\":{\"code\":4001,\"message\":\"App key no-such-key does not exist\"}}");
            assertThat(client.awaitClose().code()).isEqualTo(4001);
        }
    }

    @Test
    void disabledAppIsClosedWith4003() {
        try (WsClient client = WsClient.connect(url.getPort(), TestApps.DISABLED.key())) {
            assertThat(client.nextJson().path("data").path("code").asInt()).isEqualTo(4003);
            assertThat(client.awaitClose().code()).isEqualTo(4003);
        }
    }

    @Test
    void missingProtocolIs4008AndUnsupportedIs4007() {
        try (WsClient client = WsClient.connectPath(url.getPort(), "/app/app-key?client=js")) {
            assertThat(client.nextJson().path("data").path("code").asInt()).isEqualTo(4008);
            assertThat(client.awaitClose().code()).isEqualTo(4008);
        }
        try (WsClient client = WsClient.connectPath(url.getPort(), "/app/app-key?protocol=3")) {
            assertThat(client.nextJson().path("data").path("code").asInt()).isEqualTo(4007);
            assertThat(client.awaitClose().code()).isEqualTo(4007);
        }
    }

    @Test
    void overTheAppQuotaIs4004() {
        WsClient[] held = new WsClient[3];
        for (int i = 0; i < held.length; i++) {
            held[i] = WsClient.connect(url.getPort(), TestApps.LIMITED.key());
            held[i].socketId();
        }
        try (WsClient fourth = WsClient.connect(url.getPort(), TestApps.LIMITED.key())) {
            assertThat(fourth.nextJson().path("data").path("code").asInt()).isEqualTo(4004);
            assertThat(fourth.awaitClose().code()).isEqualTo(4004);
        } finally {
            for (WsClient client : held) {
                client.close();
            }
        }
    }

    @Test
    void originOutsideTheAllowListIs4009() {
        try (WsClient bad = WsClient.connectWithOrigin(url.getPort(), TestApps.ORIGINS.key(), "https://evil.example.com")) {
            assertThat(bad.nextJson().path("data").path("code").asInt()).isEqualTo(4009);
            assertThat(bad.awaitClose().code()).isEqualTo(4009);
        }
        try (WsClient good = WsClient.connectWithOrigin(url.getPort(), TestApps.ORIGINS.key(), "https://good.example.com")) {
            assertThat(good.socketId()).matches("\\d+\\.\\d+");
        }
    }
}
