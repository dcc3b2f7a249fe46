package dev.starling.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.starling.gateway.connection.Connection;
import dev.starling.gateway.connection.ConnectionRegistry;
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
 * A client that stops reading is closed with 4100 once more than the outbound bound (256 KiB in tests) waits for
 * it, while a reading subscriber of the same channel gets every event and stays open.
 *
 * <p>The slow client is a {@link RawSocket} that stops reading after its subscription_succeeded: loopback socket
 * buffers absorb a few MB before the server's queue grows, so events are published until the server marks the
 * connection closing. The client then reads again, so the close frame queued behind the backlog reaches it.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class SlowConsumerTest {

    private static final TestApps.TestApp APP = TestApps.QUIET;
    /** 9 KB: under the 10 KB event data limit. */
    private static final String PAYLOAD = "x".repeat(9000);
    /** About 45 MB, far more than loopback buffers hold. */
    private static final int MAX_EVENTS = 5000;

    @TestHTTPResource("/")
    URL url;

    @Inject
    ConnectionRegistry connections;

    @Test
    void aClientThatStopsReadingIsClosedWith4100AndOthersKeepReceiving() {
        String channel = Names.unique("firehose-");
        try (WsClient reader = WsClient.connect(url.getPort(), APP.key());
                RawSocket slow = RawSocket.connectPausingAfter(url.getPort(), APP.key(), 2)) {
            String slowId = stallUntilClosing(channel, reader, slow);

            slow.resume();
            WsClient.Closed closed = slow.awaitClose();
            assertThat(closed).isEqualTo(new WsClient.Closed(4100, "Slow consumer: more than 262144 bytes waiting to be sent"));
            await().atMost(WsClient.TIMEOUT).until(() -> connections.get(slowId) == null);

            reader.send(Expected.PING);
            assertThat(reader.next()).isEqualTo(Expected.PONG);
            assertThat(reader.isClosed()).isFalse();
        }
    }

    /**
     * The close frame waits behind the backlog for {@code limits.close-timeout} (2 s in tests); a client that has not
     * read it by then has its TCP connection cut, so a socket that never reads again cannot hold the server's memory.
     */
    @Test
    void aClientThatNeverReadsAgainIsCutOffAfterTheCloseTimeout() {
        String channel = Names.unique("firehose-");
        try (WsClient reader = WsClient.connect(url.getPort(), APP.key());
                RawSocket slow = RawSocket.connectPausingAfter(url.getPort(), APP.key(), 2)) {
            stallUntilClosing(channel, reader, slow);
            // Past the close timeout, the backlog and the close frame queued behind it have been dropped with the
            // connection: reading again yields what the kernel buffers held, then the end of the stream.
            await().pollDelay(Duration.ofSeconds(3)).atMost(WsClient.TIMEOUT).until(() -> true);
            slow.resume();
            assertThat(slow.awaitClose().code()).isEqualTo(1006);
        }
    }

    /**
     * Subscribes both clients to the channel, then publishes until the server marks the slow one (which stops reading
     * after its subscription_succeeded) closing; returns the slow client's socket id.
     */
    private String stallUntilClosing(String channel, WsClient reader, RawSocket slow) {
        reader.socketId();
        reader.send(Signing.subscribe(channel));
        assertThat(reader.next()).isEqualTo(Expected.succeeded(channel));
        String slowId = slow.socketId();
        slow.send(Signing.subscribe(channel));
        assertThat(slow.next()).isEqualTo(Expected.succeeded(channel));

        int published = 0;
        while (published < MAX_EVENTS && !closing(slowId)) {
            Api.publish(url.getPort(), APP, channel, "big", published + ":" + PAYLOAD);
            // The healthy subscriber keeps up: it gets every event as it is published.
            assertThat(reader.next()).isEqualTo(Expected.event("big", channel, published + ":" + PAYLOAD));
            published++;
        }
        assertThat(closing(slowId)).as("slow consumer closed after %d events", published).isTrue();
        return slowId;
    }

    private boolean closing(String socketId) {
        Connection connection = connections.get(socketId);
        return connection == null || connection.isClosing();
    }
}
