package dev.starling.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.starling.gateway.app.App;
import dev.starling.gateway.app.WebhookTarget;
import dev.starling.gateway.fakes.FakeClock;
import dev.starling.gateway.fakes.FakeGatewayConfig;
import dev.starling.gateway.fakes.UnitApps;
import dev.starling.testkit.WebhookReceiver;
import dev.starling.protocol.webhook.WebhookEvent;
import io.vertx.core.Vertx;

/**
 * {@link WebhookDispatcher} against a local receiver, with a clock that only moves when told: signed POSTs, event
 * filters, and the exact retry schedule (1 s, 2 s, 4 s … 60 s) until a 2xx or until 5 minutes have passed.
 */
class WebhookDispatcherTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static Vertx vertx;
    private static WebhookReceiver receiver;

    private final FakeClock clock = new FakeClock();
    private final WebhookDispatcher dispatcher = new WebhookDispatcher(vertx, clock, FakeGatewayConfig.defaults());

    @BeforeAll
    static void start() throws IOException {
        vertx = Vertx.vertx();
        receiver = new WebhookReceiver(Map.of("app-key", "app-secret"));
    }

    @AfterAll
    static void stop() {
        receiver.stop();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @AfterEach
    void clear() {
        dispatcher.close();
        receiver.clear();
    }

    @Test
    void postsASignedBodyWithTheAppKey() {
        App app = app(target("/signed", Set.of()));
        long submittedAt = clock.millis();
        dispatcher.submit(app, new WebhookEvent.MemberAdded("presence-c", "u1"));

        List<WebhookReceiver.Received> requests = awaitRequests("/signed", 1);
        assertThat(requests.get(0).key()).isEqualTo("app-key");
        assertThat(requests.get(0).signatureValid()).isTrue();
        assertThat(requests.get(0).body()).isEqualTo("{\"time_ms\":" + submittedAt
                + ",\"events\":[{\"name\":\"member_added\",\"channel\":\"presence-c\",\"user_id\":\"u1\"}]}");
        await().atMost(TIMEOUT).until(() -> dispatcher.pending() == 0);
        assertThat(dispatcher.delivered()).isEqualTo(1);
    }

    @Test
    void eachTargetGetsOnlyTheEventsItWants() {
        App app = app(target("/all", Set.of()), target("/occupied", Set.of("channel_occupied")));
        dispatcher.submit(app, new WebhookEvent.ChannelVacated("c"));
        dispatcher.submit(app, new WebhookEvent.ChannelOccupied("c"));

        await().atMost(TIMEOUT).until(() -> dispatcher.pending() == 0);
        assertThat(receiver.events("/all", "c")).extracting(e -> e.path("name").asText())
                .containsExactlyInAnyOrder("channel_vacated", "channel_occupied");
        assertThat(receiver.events("/occupied", "c")).extracting(e -> e.path("name").asText())
                .containsExactly("channel_occupied");
    }

    @Test
    void anAppWithoutAWantingTargetSendsNothing() {
        dispatcher.submit(app(target("/occupied-only", Set.of("channel_occupied"))), new WebhookEvent.ChannelVacated("c"));
        assertThat(dispatcher.pending()).isZero();
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void aFailingDeliveryIsRetriedWithDoublingDelaysUntilA2xx() {
        receiver.failNext("/flaky", 3, 500);
        dispatcher.submit(app(target("/flaky", Set.of())), new WebhookEvent.ChannelOccupied("c"));
        awaitRequests("/flaky", 1);

        long[] backoffs = {1_000, 2_000, 4_000};
        for (int i = 0; i < backoffs.length; i++) {
            awaitRetryIn(backoffs[i]);
            clock.advance(Duration.ofMillis(backoffs[i] - 1));
            assertThat(receiver.received()).hasSize(i + 1);
            clock.advance(Duration.ofMillis(1));
            awaitRequests("/flaky", i + 2);
        }

        await().atMost(TIMEOUT).until(() -> dispatcher.pending() == 0);
        List<WebhookReceiver.Received> requests = receiver.received();
        assertThat(requests).extracting(WebhookReceiver.Received::body).containsOnly(requests.get(0).body());
        assertThat(requests).allMatch(WebhookReceiver.Received::signatureValid);
        assertThat(dispatcher.failedAttempts()).isEqualTo(3);
        assertThat(dispatcher.delivered()).isEqualTo(1);
        assertThat(clock.pendingDueTimes()).isEmpty();
    }

    @Test
    void aTargetThatKeepsFailingIsGivenUpAfterFiveMinutes() {
        receiver.failNext("/down", 1_000, 503);
        long start = clock.millis();
        dispatcher.submit(app(target("/down", Set.of())), new WebhookEvent.ChannelOccupied("c"));
        awaitRequests("/down", 1);

        // Attempts at 0, 1, 3, 7, 15, 31, 63, 123, 183 and 243 s; a retry at 303 s would be past the 300 s limit.
        long[] backoffs = {1, 2, 4, 8, 16, 32, 60, 60, 60};
        List<Long> attemptSeconds = new ArrayList<>(List.of(0L));
        for (int i = 0; i < backoffs.length; i++) {
            awaitRetryIn(backoffs[i] * 1_000);
            clock.advance(Duration.ofSeconds(backoffs[i]));
            awaitRequests("/down", i + 2);
            attemptSeconds.add((clock.millis() - start) / 1_000);
        }
        assertThat(attemptSeconds).containsExactly(0L, 1L, 3L, 7L, 15L, 31L, 63L, 123L, 183L, 243L);

        await().atMost(TIMEOUT).until(() -> dispatcher.pending() == 0);
        assertThat(dispatcher.failedAttempts()).isEqualTo(10);
        assertThat(dispatcher.delivered()).isZero();
        assertThat(clock.pendingDueTimes()).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(receiver.received()).hasSize(10);
    }

    @Test
    void anUnreachableTargetIsRetriedToo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        App app = UnitApps.withWebhooks("app", List.of(new WebhookTarget(URI.create("http://127.0.0.1:" + closedPort + "/x"),
                Set.of())));
        dispatcher.submit(app, new WebhookEvent.ChannelOccupied("c"));

        await().atMost(TIMEOUT).until(() -> dispatcher.failedAttempts() == 1);
        awaitRetryIn(1_000);
        assertThat(dispatcher.pending()).isEqualTo(1);
    }

    /** Waits until the only scheduled task is a retry due {@code delayMillis} from now. */
    private void awaitRetryIn(long delayMillis) {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(clock.pendingDueTimes())
                .containsExactly(clock.millis() + delayMillis));
    }

    private static List<WebhookReceiver.Received> awaitRequests(String path, int count) {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(receiver.received())
                .filteredOn(r -> r.path().equals(path)).hasSize(count));
        return receiver.received();
    }

    private static WebhookTarget target(String path, Set<String> events) {
        return new WebhookTarget(URI.create(receiver.url(path)), events);
    }

    private static App app(WebhookTarget... targets) {
        return UnitApps.withWebhooks("app", List.of(targets));
    }
}
