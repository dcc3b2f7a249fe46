package dev.starling.gateway.blackbox;

import static dev.starling.gateway.blackbox.Gateway.json;
import static dev.starling.gateway.blackbox.Gateway.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.junit.jupiter.api.Test;

import com.pusher.client.channel.PusherEvent;

import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code pusher_internal:subscription_count} as pusher-java-client surfaces it: the public
 * {@code pusher:subscription_count} event it emits for each count.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class JavaClientSubscriptionCountTest {

    @TestHTTPResource("/")
    URL url;

    @Test
    void countFollowsSubscribersComingAndGoing() {
        String channel = unique("count-");
        try (JavaClient first = JavaClient.connect(url.getPort(), TestApps.DEMO)) {
            Recorder counts = new Recorder();
            first.pusher().subscribe(channel, counts, "pusher:subscription_count");
            counts.awaitSubscribed();
            assertThat(count(counts.nextEvent())).isEqualTo(1);

            try (JavaClient second = JavaClient.connect(url.getPort(), TestApps.DEMO)) {
                Recorder other = new Recorder();
                second.pusher().subscribe(channel, other);
                other.awaitSubscribed();
                assertThat(count(counts.nextEvent())).isEqualTo(2);
            }

            assertThat(count(counts.nextEvent())).isEqualTo(1);
        }
    }

    private static int count(PusherEvent event) {
        assertThat(event.getEventName()).isEqualTo("pusher:subscription_count");
        return json(event.getData()).path("subscription_count").asInt();
    }
}
