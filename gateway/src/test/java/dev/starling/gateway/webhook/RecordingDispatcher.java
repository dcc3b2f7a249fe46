package dev.starling.gateway.webhook;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.starling.gateway.app.App;
import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.time.GatewayClock;
import dev.starling.protocol.webhook.WebhookEvent;
import io.vertx.core.Vertx;

/** A {@link WebhookDispatcher} that records what it is given instead of sending it. */
final class RecordingDispatcher extends WebhookDispatcher {

    record Submitted(String appId, WebhookEvent event, long atMillis) {
    }

    private final GatewayClock clock;
    private final List<Submitted> submitted = new CopyOnWriteArrayList<>();
    /** Runs on the submitting thread before an event is recorded (tests use it to hold a submission). */
    volatile Consumer<WebhookEvent> beforeRecord = event -> {
    };

    RecordingDispatcher(Vertx vertx, GatewayClock clock, GatewayConfig config) {
        super(vertx, clock, config);
        this.clock = clock;
    }

    @Override
    public void submit(App app, WebhookEvent event) {
        beforeRecord.accept(event);
        submitted.add(new Submitted(app.id(), event, clock.millis()));
    }

    List<WebhookEvent> events() {
        return submitted.stream().map(Submitted::event).toList();
    }

    List<Submitted> submitted() {
        return List.copyOf(submitted);
    }
}
