package dev.starling.gateway.webhook;

import static dev.starling.gateway.webhook.HookSession.assertStays;
import static dev.starling.gateway.webhook.HookSession.awaitEvents;
import static dev.starling.gateway.webhook.HookSession.names;
import static dev.starling.gateway.webhook.HookSession.receiver;
import static dev.starling.gateway.webhook.HookSession.requests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.starling.testkit.Signing;
import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import dev.starling.testkit.WebhookReceiver;
import dev.starling.gateway.webhook.HookSession.Socket;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Failed webhook deliveries are retried with the same body after 1 s, 2 s, 4 s … until a 2xx, and dropped once five
 * minutes have passed; an event filter limits what a target receives.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class WebhookRetryTest extends HookSessionTest {

    @Test
    void aFailedDeliveryIsSentAgainAfterEachBackoffUntilA2xx() {
        String channel = session.channel(TestApps.HOOKS, "private-retry-");
        Socket sender = session.connect(TestApps.HOOKS);
        session.subscribe(sender, channel);
        awaitEvents("/hooks", channel, "channel_occupied", 1);
        awaitEvents("/hooks", channel, "subscription_count", 1);
        session.advance(HookSession.DEBOUNCE); // debounced webhooks other tests left behind go out now, not below
        session.awaitDispatcherIdle();

        // A client event is the only webhook this step causes, so it meets all three failures.
        receiver().failNext("/hooks", 3, 500);
        long failedBefore = dispatcher.failedAttempts();
        sender.client().send(Signing.clientEvent(channel, "client-retry", "{\"n\":1}"));
        assertThat(awaitAttempts(channel, 1)).hasSize(1);

        awaitRetryScheduled(failedBefore + 1, Duration.ofSeconds(1));
        session.advance(Duration.ofSeconds(1));
        awaitAttempts(channel, 2);

        awaitRetryScheduled(failedBefore + 2, Duration.ofSeconds(2));
        session.advance(Duration.ofSeconds(1));
        assertAttemptsStay(channel, 2);
        session.advance(Duration.ofSeconds(1));
        awaitAttempts(channel, 3);

        awaitRetryScheduled(failedBefore + 3, Duration.ofSeconds(4));
        session.advance(Duration.ofSeconds(2));
        assertAttemptsStay(channel, 3);
        session.advance(Duration.ofSeconds(2));
        List<WebhookReceiver.Received> attempts = awaitAttempts(channel, 4);

        session.awaitDispatcherIdle(); // the fourth answer was 200
        session.advance(Duration.ofMinutes(1));
        assertAttemptsStay(channel, 4);
        assertThat(attempts).extracting(WebhookReceiver.Received::body).containsOnly(attempts.get(0).body());
        assertThat(attempts).allMatch(WebhookReceiver.Received::signatureValid);
        assertThat(dispatcher.failedAttempts()).isEqualTo(failedBefore + 3);
    }

    @Test
    void aTargetThatKeepsFailingIsGivenUpAfterFiveMinutes() {
        receiver().failNext("/filtered", 1_000, 503);
        String channel = session.channel(TestApps.FILTERED, "down-");
        long failedBefore = dispatcher.failedAttempts();
        Socket socket = session.connect(TestApps.FILTERED);
        session.subscribe(socket, channel);
        List<WebhookReceiver.Received> first = awaitFilteredAttempts(channel, 1);
        socket.client().close(); // FILTERED does not want channel_vacated: nothing else goes to /filtered

        // Attempts at 0, 1, 3, 7, 15, 31, 63, 123, 183 and 243 s; the next would be at 303 s, past the 300 s limit.
        long[] backoffs = {1, 2, 4, 8, 16, 32, 60, 60, 60};
        for (int i = 0; i < backoffs.length; i++) {
            awaitRetryScheduled(failedBefore + i + 1, Duration.ofSeconds(backoffs[i]));
            session.advance(Duration.ofSeconds(backoffs[i]));
            awaitFilteredAttempts(channel, i + 2);
        }

        await().atMost(HookSession.TIMEOUT).until(() -> dispatcher.failedAttempts() == failedBefore + 10);
        session.awaitDispatcherIdle();
        session.advance(Duration.ofMinutes(1));
        session.advance(Duration.ofMinutes(10));
        await().during(HookSession.QUIET).atMost(HookSession.TIMEOUT)
                .until(() -> requests("/filtered", HookSession.event("channel_occupied", channel)).size() == 10);
        assertThat(requests("/filtered", HookSession.event("channel_occupied", channel)))
                .extracting(WebhookReceiver.Received::body).containsOnly(first.get(0).body());
    }

    @Test
    void theFilteredAppOnlyReceivesChannelOccupied() {
        String channel = session.channel(TestApps.FILTERED, "private-filtered-");
        Socket a = session.connect(TestApps.FILTERED);
        Socket b = session.connect(TestApps.FILTERED);
        session.subscribe(a, channel);
        session.subscribe(b, channel);
        awaitEvents("/filtered", channel, "channel_occupied", 1);

        session.unsubscribe(a, channel);
        session.unsubscribe(b, channel);
        session.awaitSubscriptions(TestApps.FILTERED, channel, 0);
        session.advance(HookSession.DEBOUNCE);
        session.awaitDispatcherIdle();

        assertStays("/filtered", channel, "channel_occupied", 1);
        assertThat(names("/filtered", channel)).containsExactly("channel_occupied");
        assertThat(names("/hooks", channel)).isEmpty();
    }

    /** Waits until attempt {@code failures} has failed and its retry is scheduled {@code backoff} from now. */
    private void awaitRetryScheduled(long failures, Duration backoff) {
        await().atMost(HookSession.TIMEOUT).until(() -> dispatcher.failedAttempts() >= failures);
        long backoffMillis = backoff.toMillis();
        await().atMost(HookSession.TIMEOUT).until(() -> clock.pendingDueTimes().stream().anyMatch(due -> {
            long in = due - clock.millis();
            return in > backoffMillis - 1_000 && in <= backoffMillis;
        }));
    }

    private static List<WebhookReceiver.Received> awaitAttempts(String channel, int count) {
        await().atMost(HookSession.TIMEOUT).until(() -> clientEvents(channel).size() >= count);
        List<WebhookReceiver.Received> attempts = clientEvents(channel);
        assertThat(attempts).hasSize(count);
        return attempts;
    }

    private static void assertAttemptsStay(String channel, int count) {
        await().during(HookSession.QUIET).atMost(HookSession.TIMEOUT).until(() -> clientEvents(channel).size() == count);
    }

    private static List<WebhookReceiver.Received> clientEvents(String channel) {
        return requests("/hooks", HookSession.event("client_event", channel));
    }

    private static List<WebhookReceiver.Received> awaitFilteredAttempts(String channel, int count) {
        await().atMost(HookSession.TIMEOUT)
                .until(() -> requests("/filtered", HookSession.event("channel_occupied", channel)).size() >= count);
        List<WebhookReceiver.Received> attempts = requests("/filtered", HookSession.event("channel_occupied", channel));
        assertThat(attempts).hasSize(count);
        return attempts;
    }
}
