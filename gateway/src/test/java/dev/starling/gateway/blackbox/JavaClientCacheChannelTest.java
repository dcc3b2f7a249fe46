package dev.starling.gateway.blackbox;

import static dev.starling.gateway.blackbox.Gateway.ok;
import static dev.starling.gateway.blackbox.Gateway.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.pusher.client.channel.PusherEvent;
import com.pusher.rest.Pusher;

import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Cache channels with pusher-java-client: a late subscriber gets the last event published over HTTP, or a miss. */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class JavaClientCacheChannelTest {

    @TestHTTPResource("/")
    URL url;

    private final AppBackend backend = new AppBackend(TestApps.DEMO);
    private Pusher api;

    @BeforeEach
    void sdk() {
        api = Api.of(url.getPort(), TestApps.DEMO);
    }

    @AfterEach
    void closeSdk() {
        Api.close(api);
    }

    @Test
    void lateSubscriberGetsTheLastEvent() {
        String channel = unique("cache-");
        ok(api.trigger(channel, "price", Map.of("eur", "1")));
        ok(api.trigger(channel, "price", Map.of("eur", "2")));
        try (JavaClient client = JavaClient.connect(url.getPort(), TestApps.DEMO)) {
            Recorder events = new Recorder();
            client.pusher().subscribe(channel, events, "price", "pusher:cache_miss");
            events.awaitSubscribed();

            PusherEvent cached = events.nextEvent();
            assertThat(cached.getEventName()).isEqualTo("price");
            assertThat(cached.getData()).isEqualTo("{\"eur\":\"2\"}");
        }
    }

    @Test
    void lateSubscriberOfAPrivateCacheChannelGetsTheLastEvent() {
        String channel = unique("private-cache-");
        ok(api.trigger(channel, "state", Map.of("v", "1")));
        try (JavaClient client = JavaClient.connect(url.getPort(), TestApps.DEMO,
                options -> options.setChannelAuthorizer(backend.privateChannels()))) {
            Recorder events = new Recorder();
            client.pusher().subscribePrivate(channel, events, "state");
            events.awaitSubscribed();

            assertThat(events.nextEvent().getData()).isEqualTo("{\"v\":\"1\"}");
        }
    }

    @Test
    void emptyCacheChannelIsAMiss() {
        String channel = unique("cache-");
        try (JavaClient client = JavaClient.connect(url.getPort(), TestApps.DEMO)) {
            Recorder events = new Recorder();
            client.pusher().subscribe(channel, events, "pusher:cache_miss");
            events.awaitSubscribed();

            PusherEvent miss = events.nextEvent();
            assertThat(miss.getEventName()).isEqualTo("pusher:cache_miss");
            assertThat(miss.getChannelName()).isEqualTo(channel);
        }
    }
}
