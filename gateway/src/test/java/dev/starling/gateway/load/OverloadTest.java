package dev.starling.gateway.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.starling.gateway.cluster.ClusterBus;
import dev.starling.gateway.support.Metrics;
import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import dev.starling.gateway.time.GatewayClock;
import dev.starling.gateway.wskit.Names;
import dev.starling.protocol.cluster.ChannelMessage;
import dev.starling.protocol.frame.ServerFrames;
import dev.starling.testkit.SignedHttp;
import dev.starling.testkit.Signing;
import dev.starling.testkit.WsClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An overloaded node sheds work instead of queueing it: a message older than {@code limits.max-delivery-delay} when
 * it reaches the subscribers is dropped and counted, and while the delivery backlog is full publishes get 503 with
 * {@code Retry-After} and readiness is down — until the backlog drains.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class OverloadTest {

    @TestHTTPResource("/")
    URL url;

    @Inject
    ClusterBus bus;

    @Inject
    GatewayClock clock;

    @Inject
    DeliveryBacklog backlog;

    @Test
    void aMessageThatWaitedLongerThanTheBoundIsDroppedNotDeliveredLate() {
        String channel = Names.unique("stale-");
        double dropped = Metrics.value("starling_deliveries_dropped_total{reason=\"stale\"}");
        try (WsClient client = WsClient.connect(url.getPort(), TestApps.DEMO.key())) {
            client.socketId();
            client.send(Signing.subscribe(channel));
            client.nextEvent("pusher_internal:subscription_succeeded");

            long now = clock.millis();
            bus.publish(message(channel, "old", now - 11_000)); // the default bound is 10 s
            bus.publish(message(channel, "fresh", now));
            // Same channel, same event loop, in order: had the old one been delivered it would come first.
            assertThat(client.nextEvent("tick").path("data").asText()).isEqualTo("fresh");
        }
        assertThat(Metrics.value("starling_deliveries_dropped_total{reason=\"stale\"}")).isEqualTo(dropped + 1);
    }

    @Test
    void aFullBacklogRefusesPublishesWith503AndTakesReadinessDownUntilItDrains() throws Exception {
        String body = "{\"name\":\"e\",\"channel\":\"" + Names.unique("busy-") + "\",\"data\":\"x\"}";
        int held = 0;
        try {
            while (!backlog.isOverloaded()) {
                backlog.queued();
                held++;
            }
            HttpResponse<String> refused = SignedHttp.post(url.getPort(), TestApps.DEMO, events(), body);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.body()).startsWith("{\"error\":\"This node is overloaded").endsWith(",\"status\":503}");
            assertThat(readiness()).isEqualTo(503);
            assertThat(Metrics.value("starling_publishes_refused_total{reason=\"overloaded\"}")).isPositive();
        } finally {
            for (int i = 0; i < held; i++) {
                backlog.done();
            }
        }
        assertThat(SignedHttp.post(url.getPort(), TestApps.DEMO, events(), body).statusCode()).isEqualTo(200);
        assertThat(readiness()).isEqualTo(200);
    }

    private static String events() {
        return "/apps/" + TestApps.DEMO.id() + "/events";
    }

    private static int readiness() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(Metrics.management("/q/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private ChannelMessage message(String channel, String data, long publishedAtMillis) {
        return new ChannelMessage(TestApps.DEMO.id(), channel, ServerFrames.channelEvent("tick", channel, data, null),
                null, ChannelMessage.Source.API, bus.nodeId(), publishedAtMillis);
    }
}
