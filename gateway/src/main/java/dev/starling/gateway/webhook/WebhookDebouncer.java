package dev.starling.gateway.webhook;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.starling.gateway.app.App;
import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.time.GatewayClock;
import dev.starling.protocol.webhook.WebhookEvent;

/**
 * The in-process {@link WebhookSink}: applies Pusher's debounce, then hands events to the {@link WebhookDispatcher}.
 *
 * <p>{@code channel_vacated} and {@code member_removed} wait for the debounce delay (3 s by default). If the channel
 * is occupied again (or the user rejoins) within it, both the pending event and the new
 * {@code channel_occupied} / {@code member_added} are dropped: to the app, the channel or member never went away.
 * All other events are passed on at once. The same holds across nodes: transitions another node reports are
 * {@linkplain #observe observed}, so a departure reported there and a comeback reported here (or the reverse) cancel
 * each other on both nodes.
 */
@ApplicationScoped
@jakarta.enterprise.inject.Typed(WebhookDebouncer.class)
public class WebhookDebouncer implements WebhookSink {

    private static final class Pending {
        volatile GatewayClock.Timer timer;
    }

    private final WebhookDispatcher dispatcher;
    private final GatewayClock clock;
    private final Duration delay;
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();

    public WebhookDebouncer(WebhookDispatcher dispatcher, GatewayClock clock, GatewayConfig config) {
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.delay = config.webhooks().debounce();
    }

    @Override
    public void emit(App app, WebhookEvent event) {
        switch (event) {
            case WebhookEvent.MemberRemoved removed -> delay(app, memberKey(app, removed.channel(), removed.userId()), event);
            case WebhookEvent.ChannelVacated vacated -> delay(app, channelKey(app, vacated.channel()), event);
            case WebhookEvent.MemberAdded added -> {
                if (!cancel(memberKey(app, added.channel(), added.userId()))) {
                    dispatcher.submit(app, event);
                }
            }
            case WebhookEvent.ChannelOccupied occupied -> {
                if (!cancel(channelKey(app, occupied.channel()))) {
                    dispatcher.submit(app, event);
                }
            }
            default -> dispatcher.submit(app, event);
        }
    }

    @Override
    public void observe(App app, WebhookEvent event) {
        switch (event) {
            case WebhookEvent.MemberRemoved removed -> mark(memberKey(app, removed.channel(), removed.userId()));
            case WebhookEvent.ChannelVacated vacated -> mark(channelKey(app, vacated.channel()));
            case WebhookEvent.MemberAdded added -> cancel(memberKey(app, added.channel(), added.userId()));
            case WebhookEvent.ChannelOccupied occupied -> cancel(channelKey(app, occupied.channel()));
            default -> {
            }
        }
    }

    /** Events waiting for their debounce delay. */
    public int delayed() {
        return pending.size();
    }

    private void delay(App app, String key, WebhookEvent event) {
        if (delay.isZero()) {
            dispatcher.submit(app, event);
            return;
        }
        Pending entry = new Pending();
        Pending replaced = pending.put(key, entry);
        if (replaced != null && replaced.timer != null) {
            replaced.timer.cancel();
        }
        // Submitted inside the map's atomic update: a comeback on another thread (cancel) waits for it, so its
        // channel_occupied / member_added is never submitted, nor stamped, before this event.
        entry.timer = clock.schedule(delay, () -> pending.computeIfPresent(key, (k, current) -> {
            if (current != entry) {
                return current;
            }
            dispatcher.submit(app, event);
            return null;
        }));
    }

    /**
     * Remembers for the debounce delay that another node reported a departure, so that a comeback reported here is
     * dropped like a local one. Nothing is sent when the mark expires.
     */
    private void mark(String key) {
        if (delay.isZero()) {
            return;
        }
        Pending entry = new Pending();
        Pending replaced = pending.put(key, entry);
        if (replaced != null && replaced.timer != null) {
            replaced.timer.cancel();
        }
        entry.timer = clock.schedule(delay, () -> pending.remove(key, entry));
    }

    private boolean cancel(String key) {
        Pending entry = pending.remove(key);
        if (entry == null) {
            return false;
        }
        GatewayClock.Timer timer = entry.timer;
        if (timer != null) {
            timer.cancel();
        }
        return true;
    }

    static String memberKey(App app, String channel, String userId) {
        return "m\n" + app.id() + '\n' + channel + '\n' + userId;
    }

    static String channelKey(App app, String channel) {
        return "c\n" + app.id() + '\n' + channel;
    }
}
