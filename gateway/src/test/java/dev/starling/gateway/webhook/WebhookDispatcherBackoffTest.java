package dev.starling.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.starling.gateway.fakes.FakeClock;
import dev.starling.gateway.fakes.FakeGatewayConfig;
import io.vertx.core.Vertx;

/** The retry delays: initial × 2^(attempt−1), capped at the maximum. */
class WebhookDispatcherBackoffTest {

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void doublesFromOneSecondAndCapsAtSixtySeconds() {
        WebhookDispatcher dispatcher = new WebhookDispatcher(vertx, new FakeClock(), FakeGatewayConfig.defaults());

        assertThat(dispatcher.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(dispatcher.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(dispatcher.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(dispatcher.backoff(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(dispatcher.backoff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(dispatcher.backoff(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(dispatcher.backoff(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(dispatcher.backoff(8)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void staysCappedForAnyNumberOfAttempts() {
        WebhookDispatcher dispatcher = new WebhookDispatcher(vertx, new FakeClock(), FakeGatewayConfig.defaults());

        for (int attempt = 7; attempt <= 70; attempt++) {
            assertThat(dispatcher.backoff(attempt)).as("attempt %d", attempt).isEqualTo(Duration.ofSeconds(60));
        }
        assertThat(dispatcher.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void followsTheConfiguredInitialAndMaximum() {
        WebhookDispatcher dispatcher = new WebhookDispatcher(vertx, new FakeClock(), FakeGatewayConfig.with(Map.of(
                "webhooks.initialBackoff", Duration.ofMillis(250), "webhooks.maxBackoff", Duration.ofSeconds(1))));

        assertThat(dispatcher.backoff(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(dispatcher.backoff(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(dispatcher.backoff(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(dispatcher.backoff(4)).isEqualTo(Duration.ofSeconds(1));
        assertThat(dispatcher.backoff(40)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aMaximumBelowTheInitialDelayCapsEveryRetry() {
        WebhookDispatcher dispatcher = new WebhookDispatcher(vertx, new FakeClock(), FakeGatewayConfig.with(Map.of(
                "webhooks.initialBackoff", Duration.ofSeconds(5), "webhooks.maxBackoff", Duration.ofSeconds(2))));

        assertThat(dispatcher.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(dispatcher.backoff(2)).isEqualTo(Duration.ofSeconds(2));
    }
}
