package dev.starling.gateway.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.starling.gateway.app.App;
import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.connection.Frame;
import dev.starling.gateway.time.GatewayClock;
import io.quarkus.runtime.StartupEvent;

/**
 * The channel messages this node keeps in memory: on a single node the whole history, in cluster mode the hot buffer
 * that serves rewinds and resumes without asking history-service.
 *
 * <p>Bounds: per channel the app's {@code history.messages} and {@code history.max-age}; for the node,
 * {@code history.max-memory-bytes} of frames. A channel whose append would go over the node's budget drops its own
 * oldest messages first; a periodic sweep, while the node is above 80 % of it, drops the oldest message of every
 * channel in turn, largest first (so one busy channel cannot starve the others), applies the age limit to quiet
 * channels, and forgets
 * channels that have kept nothing for {@code history.idle-channel-ttl}.
 */
@ApplicationScoped
public class HistoryBuffers {

    private static final Duration SWEEP = Duration.ofSeconds(1);

    private final ConcurrentHashMap<String, ConcurrentHashMap<String, ChannelBuffer>> apps = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final GatewayClock clock;
    private final long maxBytes;
    private final long idleMillis;

    public HistoryBuffers(GatewayClock clock, GatewayConfig config, io.micrometer.core.instrument.MeterRegistry registry) {
        io.micrometer.core.instrument.Gauge.builder("starling.history.memory", bytes, AtomicLong::get).baseUnit("bytes")
                .description("Channel messages kept in this node's memory for rewind, resume and history")
                .register(registry);
        this.clock = clock;
        this.maxBytes = config.history().maxMemoryBytes();
        this.idleMillis = Math.max(config.history().idleChannelTtl().toMillis(), config.history().maxAge().toMillis());
    }

    void start(@Observes StartupEvent event) {
        clock.every(SWEEP, this::sweep);
    }

    /** Keeps a delivered message. Called in the channel's delivery order. */
    public void append(App app, String channel, long serial, Frame frame, long publishedAtMillis) {
        long now = clock.millis();
        ChannelBuffer buffer = apps.computeIfAbsent(app.id(), id -> new ConcurrentHashMap<>())
                .computeIfAbsent(channel, name -> new ChannelBuffer(app.history(), now));
        Retained kept = new Retained(serial, frame.forKeeping(), publishedAtMillis);
        long total = bytes.addAndGet(buffer.append(kept, app.history(), now));
        while (total > maxBytes) {
            long freed = buffer.dropOldest();
            if (freed == 0) {
                break;
            }
            total = bytes.addAndGet(-freed);
        }
    }

    /** What the channel holds now, or {@code null} when this node keeps nothing about it. */
    public ChannelBuffer.Snapshot snapshot(String appId, String channel) {
        ConcurrentHashMap<String, ChannelBuffer> channels = apps.get(appId);
        ChannelBuffer buffer = channels == null ? null : channels.get(channel);
        return buffer == null ? null : buffer.snapshot();
    }

    /** Retained bytes on this node (for the metric). */
    public long bytes() {
        return bytes.get();
    }

    void sweep() {
        long now = clock.millis();
        List<ChannelBuffer> all = new ArrayList<>();
        apps.values().forEach(channels -> channels.entrySet().removeIf(entry -> {
            ChannelBuffer buffer = entry.getValue();
            bytes.addAndGet(-buffer.trim(now));
            if (buffer.isForgettable(now, idleMillis)) {
                return true;
            }
            all.add(buffer);
            return false;
        }));
        long target = maxBytes / 10 * 8;
        if (bytes.get() <= target) {
            return;
        }
        all.sort(Comparator.comparingLong(ChannelBuffer::bytes).reversed());
        boolean dropped = true;
        while (dropped && bytes.get() > target) {
            dropped = false;
            for (ChannelBuffer buffer : all) {
                long freed = buffer.dropOldest();
                if (freed > 0) {
                    dropped = true;
                    if (bytes.addAndGet(-freed) <= target) {
                        return;
                    }
                }
            }
        }
    }
}
