package dev.starling.gateway.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.pusher.client.connection.ConnectionState;

import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * pusher-java-client's own heartbeat: after a second of silence it sends {@code {"event": "pusher:ping"}} (no
 * {@code data}) and drops the connection if nothing arrives within a second. The gateway's pongs keep it connected.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class JavaClientHeartbeatTest {

    @TestHTTPResource("/")
    URL url;

    @Test
    void pingsWithoutDataAreAnsweredAndTheClientStaysConnected() {
        try (JavaClient client = JavaClient.connect(url.getPort(), TestApps.DEMO,
                options -> options.setActivityTimeout(1_000).setPongTimeout(1_000))) {
            // Three ping rounds; one unanswered ping would end in DISCONNECTED (no reconnection configured).
            await().during(Duration.ofMillis(3_500)).atMost(Duration.ofSeconds(5))
                    .until(() -> client.state() == ConnectionState.CONNECTED);

            assertThat(client.states()).containsExactly(ConnectionState.CONNECTING, ConnectionState.CONNECTED);
            assertThat(client.errors()).isEmpty();
        }
    }
}
