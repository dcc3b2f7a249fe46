package dev.starling.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.starling.gateway.app.App;
import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.fakes.FakeClock;
import dev.starling.gateway.fakes.FakeGatewayConfig;
import dev.starling.gateway.fakes.UnitApps;
import dev.starling.protocol.webhook.WebhookEvent;
import io.vertx.core.Vertx;

/**
 * The 3 s debounce of {@code channel_vacated} and {@code member_removed}: a channel or member that comes back within
 * it never went away, so neither the pending event nor the new {@code channel_occupied} / {@code member_added} is sent.
 */
class WebhookDebouncerTest {

    private static final Duration DEBOUNCE = Duration.ofSeconds(3);
    private static final Duration JUST_BEFORE = DEBOUNCE.minusMillis(1);
    private static Vertx vertx;

    private final FakeClock clock = new FakeClock();
    private final GatewayConfig config = FakeGatewayConfig.defaults();
    private final RecordingDispatcher dispatcher = new RecordingDispatcher(vertx, clock, config);
    private final WebhookDebouncer debouncer = new WebhookDebouncer(dispatcher, clock, config);
    private final App app = UnitApps.plain("app");

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void eventsThatAreNotDebouncedPassAtOnce() {
        WebhookEvent[] events = {new WebhookEvent.ChannelOccupied("c"), new WebhookEvent.MemberAdded("presence-c", "u1"),
                new WebhookEvent.ClientEvent("private-c", "client-x", "{}", "1.1", null), new WebhookEvent.CacheMiss("cache-c"),
                new WebhookEvent.SubscriptionCount("c", 4)};
        for (WebhookEvent event : events) {
            debouncer.emit(app, event);
        }
        assertThat(dispatcher.events()).containsExactly(events);
        assertThat(debouncer.delayed()).isZero();
    }

    @Test
    void channelVacatedWaitsForTheDebounceDelay() {
        debouncer.emit(app, new WebhookEvent.ChannelVacated("c"));
        assertThat(debouncer.delayed()).isEqualTo(1);

        clock.advance(JUST_BEFORE);
        assertThat(dispatcher.events()).isEmpty();

        clock.advance(Duration.ofMillis(1));
        assertThat(dispatcher.events()).containsExactly(new WebhookEvent.ChannelVacated("c"));
        assertThat(debouncer.delayed()).isZero();
    }

    @Test
    void memberRemovedWaitsForTheDebounceDelay() {
        debouncer.emit(app, new WebhookEvent.MemberRemoved("presence-c", "u1"));
        clock.advance(JUST_BEFORE);
        assertThat(dispatcher.events()).isEmpty();

        clock.advance(Duration.ofMillis(1));
        assertThat(dispatcher.events()).containsExactly(new WebhookEvent.MemberRemoved("presence-c", "u1"));
    }

    @Test
    void aChannelOccupiedAgainWithinTheDelayReportsNeitherEvent() {
        debouncer.emit(app, new WebhookEvent.ChannelVacated("c"));
        clock.advance(JUST_BEFORE);
        debouncer.emit(app, new WebhookEvent.ChannelOccupied("c"));

        clock.advance(Duration.ofMinutes(1));
        assertThat(dispatcher.events()).isEmpty();
        assertThat(debouncer.delayed()).isZero();
    }

    @Test
    void aMemberRejoiningWithinTheDelayReportsNeitherEvent() {
        debouncer.emit(app, new WebhookEvent.MemberRemoved("presence-c", "u1"));
        debouncer.emit(app, new WebhookEvent.ChannelVacated("presence-c"));
        clock.advance(Duration.ofSeconds(2));
        debouncer.emit(app, new WebhookEvent.MemberAdded("presence-c", "u1"));
        debouncer.emit(app, new WebhookEvent.ChannelOccupied("presence-c"));

        clock.advance(Duration.ofMinutes(1));
        assertThat(dispatcher.events()).isEmpty();
    }

    @Test
    void comingBackAfterTheDelayReportsBothInOrder() {
        debouncer.emit(app, new WebhookEvent.MemberRemoved("presence-c", "u1"));
        debouncer.emit(app, new WebhookEvent.ChannelVacated("presence-c"));
        clock.advance(DEBOUNCE);
        debouncer.emit(app, new WebhookEvent.MemberAdded("presence-c", "u1"));
        debouncer.emit(app, new WebhookEvent.ChannelOccupied("presence-c"));

        assertThat(dispatcher.events()).containsExactly(new WebhookEvent.MemberRemoved("presence-c", "u1"),
                new WebhookEvent.ChannelVacated("presence-c"), new WebhookEvent.MemberAdded("presence-c", "u1"),
                new WebhookEvent.ChannelOccupied("presence-c"));
    }

    @Test
    void anotherUserJoiningDoesNotCancelAMembersRemoval() {
        debouncer.emit(app, new WebhookEvent.MemberRemoved("presence-c", "u1"));
        debouncer.emit(app, new WebhookEvent.MemberAdded("presence-c", "u2"));
        debouncer.emit(app, new WebhookEvent.MemberAdded("presence-other", "u1"));
        clock.advance(DEBOUNCE);

        assertThat(dispatcher.events()).containsExactly(new WebhookEvent.MemberAdded("presence-c", "u2"),
                new WebhookEvent.MemberAdded("presence-other", "u1"), new WebhookEvent.MemberRemoved("presence-c", "u1"));
    }

    @Test
    void channelsAndAppsAreDebouncedSeparately() {
        App other = UnitApps.plain("other");
        debouncer.emit(app, new WebhookEvent.ChannelVacated("c"));
        debouncer.emit(other, new WebhookEvent.ChannelOccupied("c"));
        debouncer.emit(app, new WebhookEvent.ChannelOccupied("d"));
        clock.advance(DEBOUNCE);

        assertThat(dispatcher.submitted()).extracting(RecordingDispatcher.Submitted::appId, RecordingDispatcher.Submitted::event)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("other", new WebhookEvent.ChannelOccupied("c")),
                        org.assertj.core.groups.Tuple.tuple("app", new WebhookEvent.ChannelOccupied("d")),
                        org.assertj.core.groups.Tuple.tuple("app", new WebhookEvent.ChannelVacated("c")));
    }

    @Test
    void aVacatedAfterASuppressedReoccupationWaitsAFullDelayAgain() {
        debouncer.emit(app, new WebhookEvent.ChannelVacated("c"));
        clock.advance(Duration.ofSeconds(2));
        debouncer.emit(app, new WebhookEvent.ChannelOccupied("c"));
        debouncer.emit(app, new WebhookEvent.ChannelVacated("c"));

        clock.advance(Duration.ofSeconds(2)); // 4 s after the first vacate, 2 s after the second
        assertThat(dispatcher.events()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(dispatcher.events()).containsExactly(new WebhookEvent.ChannelVacated("c"));
        assertThat(dispatcher.submitted().get(0).atMillis()).isEqualTo(clock.millis());
    }

    @Test
    void aComebackRacingTheFiringTimerIsReportedAfterTheVacate() throws InterruptedException {
        CountDownLatch vacating = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        dispatcher.beforeRecord = event -> {
            if (event instanceof WebhookEvent.ChannelVacated) {
                vacating.countDown();
                awaitLatch(release);
            }
        };
        debouncer.emit(app, new WebhookEvent.ChannelVacated("c"));

        // The timer fires on its own thread (an event loop in production) and is handing the vacate over...
        Thread timer = new Thread(() -> clock.advance(DEBOUNCE));
        timer.start();
        assertThat(vacating.await(10, TimeUnit.SECONDS)).isTrue();
        // ...when the channel is occupied again on another thread.
        Thread comeback = new Thread(() -> debouncer.emit(app, new WebhookEvent.ChannelOccupied("c")));
        comeback.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> comeback.getState() != Thread.State.NEW
                && comeback.getState() != Thread.State.RUNNABLE); // finished, or waiting for the timer
        release.countDown();
        timer.join(10_000);
        comeback.join(10_000);

        // Either order of arrival at the dispatcher decides time_ms: the vacate must come first.
        assertThat(dispatcher.events()).containsExactly(new WebhookEvent.ChannelVacated("c"),
                new WebhookEvent.ChannelOccupied("c"));
    }

    @Test
    void aZeroDelaySendsRemovalsAtOnce() {
        GatewayConfig immediate = FakeGatewayConfig.with(Map.of("webhooks.debounce", Duration.ZERO));
        RecordingDispatcher direct = new RecordingDispatcher(vertx, clock, immediate);
        WebhookDebouncer noDebounce = new WebhookDebouncer(direct, clock, immediate);

        noDebounce.emit(app, new WebhookEvent.ChannelVacated("c"));
        noDebounce.emit(app, new WebhookEvent.ChannelOccupied("c"));

        assertThat(direct.events()).containsExactly(new WebhookEvent.ChannelVacated("c"), new WebhookEvent.ChannelOccupied("c"));
        assertThat(clock.pendingDueTimes()).isEmpty();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    // ---- across nodes: transitions reported by another node are observed ----------------------------------------

    @Test
    void aDepartureElsewhereAndAComebackHereCancelEachOther() {
        debouncer.observe(app, new WebhookEvent.MemberRemoved("presence-c", "u1"));
        clock.advance(Duration.ofSeconds(1));
        debouncer.emit(app, new WebhookEvent.MemberAdded("presence-c", "u1"));
        debouncer.observe(app, new WebhookEvent.ChannelVacated("c"));
        debouncer.emit(app, new WebhookEvent.ChannelOccupied("c"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(dispatcher.events()).isEmpty();
        assertThat(debouncer.delayed()).isZero();
    }

    @Test
    void aDepartureHereIsCancelledByAComebackElsewhere() {
        debouncer.emit(app, new WebhookEvent.MemberRemoved("presence-c", "u1"));
        debouncer.emit(app, new WebhookEvent.ChannelVacated("c"));
        clock.advance(Duration.ofSeconds(2));
        debouncer.observe(app, new WebhookEvent.MemberAdded("presence-c", "u1"));
        debouncer.observe(app, new WebhookEvent.ChannelOccupied("c"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(dispatcher.events()).isEmpty();
    }

    @Test
    void observedTransitionsAreNeverSentAndTheirMarksExpire() {
        debouncer.observe(app, new WebhookEvent.MemberRemoved("presence-c", "u1"));
        debouncer.observe(app, new WebhookEvent.ChannelVacated("c"));
        debouncer.observe(app, new WebhookEvent.ClientEvent("private-c", "client-x", "{}", "1.1", null));
        clock.advance(DEBOUNCE);
        assertThat(dispatcher.events()).isEmpty();
        assertThat(debouncer.delayed()).isZero();

        debouncer.emit(app, new WebhookEvent.MemberAdded("presence-c", "u1"));
        assertThat(dispatcher.events()).containsExactly(new WebhookEvent.MemberAdded("presence-c", "u1"));
    }
}
