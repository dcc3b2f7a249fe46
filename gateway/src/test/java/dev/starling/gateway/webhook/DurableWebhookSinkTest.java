package dev.starling.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.starling.gateway.app.App;
import dev.starling.gateway.app.WebhookTarget;
import dev.starling.gateway.cluster.Outbox;
import dev.starling.gateway.fakes.FakeClock;
import dev.starling.gateway.fakes.UnitApps;
import dev.starling.protocol.auth.WebhookSignature;
import dev.starling.protocol.webhook.WebhookEvent;
import dev.starling.protocol.webhook.WebhookJob;
import dev.starling.protocol.webhook.WebhookJobCodec;

/**
 * Webhooks handed to push-service: signed jobs written at once, departures with {@code not_before}, comebacks that
 * cancel them — including departures another node reported, whose job ids every node derives alike.
 */
class DurableWebhookSinkTest {

    private static final Duration DEBOUNCE = Duration.ofSeconds(3);
    private static final App APP = UnitApps.withWebhooks("a1", List.of(
            new WebhookTarget(URI.create("http://hooks.example/all"), Set.of()),
            new WebhookTarget(URI.create("http://hooks.example/occupied"), Set.of("channel_occupied"))));

    private record Sent(String key, WebhookJob job) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Outbox outbox = (topic, key, value) -> {
        assertThat(topic).isEqualTo(Outbox.Topic.WEBHOOKS);
        sent.add(new Sent(key, WebhookJobCodec.decode(value).value()));
        return CompletableFuture.completedFuture(null);
    };
    private final FakeClock clock = new FakeClock(1_000_000);

    private DurableWebhookSink sink() {
        return new DurableWebhookSink(outbox, clock, DEBOUNCE);
    }

    @Test
    void anEventIsOneSignedJobPerTargetThatWantsIt() {
        sink().emit(APP, new WebhookEvent.ChannelOccupied("news"), "count\nn1\n1");
        assertThat(sent).hasSize(2);
        for (Sent s : sent) {
            WebhookJob.Delivery job = (WebhookJob.Delivery) s.job();
            assertThat(s.key()).isEqualTo("a1\nnews");
            assertThat(job.notBeforeMs()).isEqualTo(1_000_000);
            assertThat(job.debounceKey()).isNull();
            assertThat(job.headers()).containsEntry("X-Pusher-Key", APP.key())
                    .containsEntry("X-Pusher-Signature", WebhookSignature.sign(APP.secret(), job.body().getBytes()));
            assertThat(job.body()).contains("\"name\":\"channel_occupied\"").contains("\"channel\":\"news\"");
        }
    }

    @Test
    void aDepartureWaitsForTheDebounceAndAComebackCancelsItAndIsNotSent() {
        DurableWebhookSink sink = sink();
        sink.emit(APP, new WebhookEvent.ChannelVacated("news"), "count\nn1\n7");
        WebhookJob.Delivery job = (WebhookJob.Delivery) sent.getFirst().job();
        assertThat(sent).hasSize(1); // the filtered target does not want channel_vacated
        assertThat(job.notBeforeMs()).isEqualTo(1_000_000 + DEBOUNCE.toMillis());
        assertThat(job.debounceKey()).isNotNull();

        sink.emit(APP, new WebhookEvent.ChannelOccupied("news"), "count\nn1\n8");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).job()).isEqualTo(new WebhookJob.Cancel(job.debounceKey(), job.id(), 1_000_000));
        assertThat(sent.get(1).key()).isEqualTo(sent.getFirst().key());
    }

    @Test
    void aComebackAfterTheDebounceIsAnOrdinaryEvent() {
        DurableWebhookSink sink = sink();
        sink.emit(APP, new WebhookEvent.MemberRemoved("presence-r", "u1"), "leave\n1.2");
        clock.advance(DEBOUNCE.plusMillis(1));
        sink.emit(APP, new WebhookEvent.MemberAdded("presence-r", "u1"), "join\n1.3");
        assertThat(sent).extracting(s -> s.job().getClass().getSimpleName()).containsExactly("Delivery", "Delivery");
    }

    @Test
    void everyNodeWritesTheSameJobForTheSameTransitionAndCancelsTheSameIds() {
        DurableWebhookSink one = sink();
        DurableWebhookSink other = sink();
        assertThat(one.everyNodeEmits()).isTrue();
        one.emit(APP, new WebhookEvent.MemberRemoved("presence-r", "u1"), "leave\n3.4");
        other.emit(APP, new WebhookEvent.MemberRemoved("presence-r", "u1"), "leave\n3.4");
        WebhookJob.Delivery first = (WebhookJob.Delivery) sent.get(0).job();
        WebhookJob.Delivery second = (WebhookJob.Delivery) sent.get(1).job();
        assertThat(second.id()).as("one job to push-service").isEqualTo(first.id());

        other.emit(APP, new WebhookEvent.MemberAdded("presence-r", "u1"), "join\n5.6");
        assertThat(sent.get(2).job()).isEqualTo(new WebhookJob.Cancel(first.debounceKey(), first.id(), 1_000_000));
        // A later departure of the same member is another job.
        clock.advance(DEBOUNCE.plusSeconds(1));
        one.emit(APP, new WebhookEvent.MemberRemoved("presence-r", "u1"), "leave\n7.8");
        assertThat(((WebhookJob.Delivery) sent.getLast().job()).id()).isNotEqualTo(first.id());
    }

    @Test
    void theReportersOwnCancelStateIsClearedWhenAnotherNodeReportsTheComeback() {
        DurableWebhookSink reporter = sink();
        reporter.emit(APP, new WebhookEvent.ChannelVacated("news"), "count\nn1\n9");
        reporter.observe(APP, new WebhookEvent.ChannelOccupied("news"), "count\nn2\n1");
        reporter.emit(APP, new WebhookEvent.ChannelOccupied("news"), "count\nn1\n10");
        assertThat(sent).extracting(s -> s.job().getClass().getSimpleName())
                .containsExactly("Delivery", "Delivery", "Delivery"); // vacated, then occupied for both targets
    }
}
