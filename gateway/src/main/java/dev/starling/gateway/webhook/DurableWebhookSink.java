package dev.starling.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import dev.starling.gateway.app.App;
import dev.starling.gateway.app.WebhookTarget;
import dev.starling.gateway.cluster.Outbox;
import dev.starling.gateway.time.GatewayClock;
import dev.starling.protocol.auth.WebhookSignature;
import dev.starling.protocol.webhook.WebhookBody;
import dev.starling.protocol.webhook.WebhookEvent;
import dev.starling.protocol.webhook.WebhookJob;
import dev.starling.protocol.webhook.WebhookJobCodec;

/**
 * The {@link WebhookSink} of {@code webhooks.delivery=push-service}: each webhook becomes a signed job on the Kafka
 * {@code webhooks} topic, written as soon as the transition is known, and push-service delivers it (retries,
 * restarts). A gateway killed right after a member left loses nothing: the job is already in Kafka.
 *
 * <p>Debounce as Pusher does it, across nodes: {@code channel_vacated} and {@code member_removed} are written at once
 * with {@code not_before = now + debounce}. A comeback within the debounce (reported here) cancels them — a
 * {@link WebhookJob.Cancel} per job, in the same partition, after the job — and is itself not sent.
 *
 * <p>Every node writes the jobs of every transition it computes ({@link #everyNodeEmits}): job ids are derived from
 * the state update that caused the transition and the target, identical on every node, so push-service stores the
 * copies as one job (exactly once) and the webhook is in Kafka as long as any node saw the transition. Events that
 * are not transitions of the cluster state (client events, cache misses, counts) come from one node and get random
 * ids.
 */
public final class DurableWebhookSink implements WebhookSink {

    private static final Logger LOG = Logger.getLogger(DurableWebhookSink.class);

    /** Departures within their debounce: debounce key → the ids of their jobs. */
    private final ConcurrentHashMap<String, List<String>> pending = new ConcurrentHashMap<>();
    private final Outbox outbox;
    private final GatewayClock clock;
    private final Duration debounce;

    public DurableWebhookSink(Outbox outbox, GatewayClock clock, Duration debounce) {
        this.outbox = outbox;
        this.clock = clock;
        this.debounce = debounce;
    }

    @Override
    public void emit(App app, WebhookEvent event) {
        emit(app, event, null);
    }

    @Override
    public void emit(App app, WebhookEvent event, String cause) {
        String debounced = debounceKey(app, event);
        if (debounced != null && isComeback(event)) {
            List<String> departed = pending.remove(debounced);
            if (departed != null) {
                departed.forEach(id -> send(app, event, new WebhookJob.Cancel(debounced, id, clock.millis())));
                return;
            }
        }
        long now = clock.millis();
        boolean departure = debounced != null && !isComeback(event);
        String key = departure ? debounced : null;
        String body = WebhookBody.encode(now, List.of(event));
        String signature = WebhookSignature.sign(app.secret(), body.getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Pusher-Key", app.key());
        headers.put("X-Pusher-Signature", signature);
        List<String> ids = new ArrayList<>();
        for (WebhookTarget target : app.webhooks()) {
            if (!target.wants(event.name())) {
                continue;
            }
            String id = jobId(event.name() + '\n' + (debounced == null ? app.id() + '\n' + event.channel() : debounced),
                    cause, target);
            ids.add(id);
            send(app, event, new WebhookJob.Delivery(id, app.id(), target.url().toString(), headers, body, now,
                    departure ? now + debounce.toMillis() : now, departure ? key : null));
        }
        if (departure) {
            remember(key, ids);
        }
    }

    @Override
    public boolean everyNodeEmits() {
        return true;
    }

    @Override
    public void observe(App app, WebhookEvent event) {
        observe(app, event, null);
    }

    @Override
    public void observe(App app, WebhookEvent event, String cause) {
        String key = debounceKey(app, event);
        if (key == null) {
            return;
        }
        if (isComeback(event)) {
            pending.remove(key); // the node that reported the comeback cancels the jobs
            return;
        }
        List<String> ids = new ArrayList<>();
        for (WebhookTarget target : app.webhooks()) {
            if (target.wants(event.name())) {
                ids.add(jobId(event.name() + '\n' + key, cause, target));
            }
        }
        remember(key, ids);
    }

    private void remember(String key, List<String> ids) {
        pending.put(key, ids);
        clock.schedule(debounce, () -> pending.remove(key, ids));
    }

    private void send(App app, WebhookEvent event, WebhookJob job) {
        outbox.send(Outbox.Topic.WEBHOOKS, WebhookJobCodec.key(app.id(), event.channel()),
                WebhookJobCodec.encodeBytes(job)).whenComplete((ok, error) -> {
                    if (error != null) {
                        LOG.errorf("Webhook %s of app %s not handed to push-service: %s", event.name(), app.id(),
                                error.getMessage());
                    }
                });
    }

    /** The same on every node for the same transition: it names the update that caused it and the target. */
    private static String jobId(String key, String cause, WebhookTarget target) {
        String seed = key + '\n' + (cause == null ? UUID.randomUUID().toString() : cause) + '\n' + target.url();
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static boolean isComeback(WebhookEvent event) {
        return event instanceof WebhookEvent.MemberAdded || event instanceof WebhookEvent.ChannelOccupied;
    }

    /** The debounce key of the four debounced events (departure and comeback share it), else {@code null}. */
    private static String debounceKey(App app, WebhookEvent event) {
        return switch (event) {
            case WebhookEvent.MemberRemoved e -> WebhookDebouncer.memberKey(app, e.channel(), e.userId());
            case WebhookEvent.MemberAdded e -> WebhookDebouncer.memberKey(app, e.channel(), e.userId());
            case WebhookEvent.ChannelVacated e -> WebhookDebouncer.channelKey(app, e.channel());
            case WebhookEvent.ChannelOccupied e -> WebhookDebouncer.channelKey(app, e.channel());
            default -> null;
        };
    }
}
