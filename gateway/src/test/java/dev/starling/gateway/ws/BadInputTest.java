package dev.starling.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.starling.testkit.Signing;
import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import dev.starling.testkit.WsClient;
import dev.starling.gateway.wskit.Api;
import dev.starling.gateway.wskit.Expected;
import dev.starling.gateway.wskit.Names;
import dev.starling.gateway.wskit.RawSocket;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Input that is not a valid client frame is answered with exactly one {@code pusher:error} (code null) and nothing
 * else: the connection keeps working (a subscribe right after it succeeds, and is the very next frame) and another
 * subscriber of the same channel notices nothing. Runs on the QUIET app so that no subscription_count frames
 * interleave.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class BadInputTest {

    private static final TestApps.TestApp APP = TestApps.QUIET;

    @TestHTTPResource("/")
    URL url;

    @Test
    void notJson() {
        String error = sendBad("this is not json");
        assertThat(error).matches("\\{\"event\":\"pusher:error\",\"data\":\\{\"code\":null,\"message\":\"Invalid frame: Invalid JSON: [^\"]+\"}}");
    }

    @Test
    void truncatedJson() {
        String error = sendBad("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"x\"}");
        assertThat(error).startsWith("{\"event\":\"pusher:error\",\"data\":{\"code\":null,\"message\":\"Invalid frame: ");
    }

    @Test
    void jsonArray() {
        assertThat(sendBad("[{\"event\":\"pusher:ping\"}]"))
                .isEqualTo(Expected.error(null, "Invalid frame: Expected a JSON object"));
    }

    @Test
    void missingEvent() {
        assertThat(sendBad("{\"data\":{}}")).isEqualTo(Expected.error(null, "Invalid frame: Frame has no string 'event' field"));
    }

    @Test
    void nonStringEvent() {
        assertThat(sendBad("{\"event\":42,\"data\":{}}"))
                .isEqualTo(Expected.error(null, "Invalid frame: Frame has no string 'event' field"));
    }

    @Test
    void unknownPusherEvent() {
        assertThat(sendBad("{\"event\":\"pusher:foo\",\"data\":{}}")).isEqualTo(Expected.error(null, "Unsupported event pusher:foo"));
    }

    @Test
    void eventThatIsNotAClientEvent() {
        String channel = Names.unique("private-");
        assertThat(sendBad("{\"event\":\"my-event\",\"channel\":\"" + channel + "\",\"data\":{}}"))
                .isEqualTo(Expected.error(null, "Unsupported event my-event"));
    }

    @Test
    void subscribeWithoutChannel() {
        assertThat(sendBad("{\"event\":\"pusher:subscribe\",\"data\":{}}"))
                .isEqualTo(Expected.error(null, "Invalid frame: pusher:subscribe needs a string 'channel'"));
    }

    @Test
    void subscribeWithoutData() {
        assertThat(sendBad("{\"event\":\"pusher:subscribe\"}"))
                .isEqualTo(Expected.error(null, "Invalid frame: pusher:subscribe has no 'data'"));
    }

    @Test
    void oversizedFrame() {
        String big = "{\"event\":\"client-big\",\"channel\":\"private-x\",\"data\":\"" + "x".repeat(32768) + "\"}";
        assertThat(sendBad(big)).isEqualTo(Expected.error(null, "Frame is larger than 32768 bytes and was dropped"));
    }

    @Test
    void aMessageOverTheTransportLimitOfOneMebibyteIsAnsweredTheSameWay() {
        // The JDK client sends this as 16 KB fragments; the transport drops the message once it passes 1 MiB.
        String huge = "{\"event\":\"pusher:ping\",\"data\":{},\"pad\":\"" + "x".repeat(1_100_000) + "\"}";
        assertThat(sendBad(huge)).isEqualTo(Expected.error(null, "Frame is larger than 32768 bytes and was dropped"));
    }

    @Test
    void oversizedInUtf8BytesThoughNotInCharacters() {
        String big = "{\"event\":\"client-big\",\"channel\":\"private-x\",\"data\":\"" + "\u00e9".repeat(17000) + "\"}";
        assertThat(big.length()).isLessThan(32768);
        assertThat(sendBad(big)).isEqualTo(Expected.error(null, "Frame is larger than 32768 bytes and was dropped"));
    }

    @Test
    void aFrameOfExactly32768BytesIsStillRead() {
        String head = "{\"event\":\"pusher:ping\",\"data\":{},\"pad\":\"";
        String frame = head + "p".repeat(32768 - head.length() - 2) + "\"}";
        assertThat(frame.getBytes(StandardCharsets.UTF_8)).hasSize(32768);
        try (WsClient client = WsClient.connect(url.getPort(), APP.key())) {
            client.socketId();
            client.send(frame);
            assertThat(client.next()).isEqualTo(Expected.PONG);
        }
    }

    @Test
    void nestingDeeperThanTheLimit() {
        String deep = "{\"event\":\"client-deep\",\"channel\":\"private-x\",\"data\":" + "[".repeat(200) + "]".repeat(200) + "}";
        assertThat(sendBad(deep)).startsWith("{\"event\":\"pusher:error\",\"data\":{\"code\":null,\"message\":\"Invalid frame: ");
    }

    @Test
    void twoJsonObjectsInOneFrame() {
        assertThat(sendBad("{\"event\":\"pusher:ping\"}{\"event\":\"pusher:ping\"}"))
                .isEqualTo(Expected.error(null, "Invalid frame: Expected a single JSON object"));
    }

    @Test
    void binaryFrame() {
        String channel = Names.unique("bystander-");
        try (WsClient bystander = subscribed(channel); RawSocket client = RawSocket.connect(url.getPort(), APP.key())) {
            client.socketId();
            client.send(Signing.subscribe(channel));
            assertThat(client.next()).isEqualTo(Expected.succeeded(channel));

            client.sendBinary("{\"event\":\"pusher:ping\",\"data\":{}}".getBytes(StandardCharsets.UTF_8));
            assertThat(client.next()).isEqualTo(
                    Expected.error(null, "Binary frames are not supported; send JSON text frames"));

            String next = Names.unique("after-");
            client.send(Signing.subscribe(next));
            assertThat(client.next()).isEqualTo(Expected.succeeded(next));
            assertBystanderNoticedNothing(bystander, channel);
        }
    }

    /**
     * Sends {@code text} from a client subscribed to a channel another client also watches; returns the one error
     * frame and asserts the rest of the contract.
     */
    private String sendBad(String text) {
        String channel = Names.unique("bystander-");
        try (WsClient bystander = subscribed(channel); WsClient client = subscribed(channel)) {
            client.send(text);
            String error = client.next();

            String next = Names.unique("after-");
            client.send(Signing.subscribe(next));
            assertThat(client.next()).as("exactly one error, then the connection works").isEqualTo(Expected.succeeded(next));
            assertBystanderNoticedNothing(bystander, channel);
            return error;
        }
    }

    private WsClient subscribed(String channel) {
        WsClient client = WsClient.connect(url.getPort(), APP.key());
        client.socketId();
        client.send(Signing.subscribe(channel));
        assertThat(client.next()).isEqualTo(Expected.succeeded(channel));
        return client;
    }

    private void assertBystanderNoticedNothing(WsClient bystander, String channel) {
        Api.publish(url.getPort(), APP, channel, "marker", "m");
        assertThat(bystander.next()).isEqualTo(Expected.event("marker", channel, "m"));
    }
}
