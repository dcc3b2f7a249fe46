package dev.starling.gateway.channel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.connection.Frame;
import dev.starling.gateway.time.GatewayClock;
import dev.starling.protocol.json.Json;
import io.quarkus.runtime.StartupEvent;

/**
 * The last event published over HTTP to each cache channel, kept for {@code starling.gateway.cache.ttl}. Every node
 * keeps its own copy from the events it delivers. Expired entries are never served and are purged periodically.
 */
@ApplicationScoped
public class CacheStore {

    /**
     * A cached event, when it was published and when it expires, and its position ({@code streamId} null when
     * unknown: an event restored from the cluster at start).
     */
    public record Cached(Frame frame, long publishedAtMillis, long expiresAtMillis, String streamId, long serial) {

        /** The frame a protocol-2 connection gets: with its position when it is known. */
        public Frame frameFor(dev.starling.gateway.connection.Connection connection) {
            return connection.isPositioned() && streamId != null
                    ? Frame.of(dev.starling.protocol.frame.PositionedFrames.withPosition(frame.text(), streamId, serial))
                    : frame;
        }

        /** The event's {@code data} string, read back from the frame (only for the HTTP API's {@code info=cache}). */
        public String data() {
            try {
                JsonNode data = Json.MAPPER.readTree(frame.text()).get("data");
                return data == null || data.isNull() ? null : data.asText();
            } catch (Exception e) {
                return null;
            }
        }
    }

    private final ConcurrentHashMap<String, Map<String, Cached>> apps = new ConcurrentHashMap<>();
    /** Channels whose cache miss was reported, with when: one {@code cache_miss} webhook per empty period. */
    private final ConcurrentHashMap<String, Long> missesReported = new ConcurrentHashMap<>();
    private final GatewayClock clock;
    private final GatewayConfig config;

    public CacheStore(GatewayClock clock, GatewayConfig config) {
        this.clock = clock;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        clock.every(config.cache().ttl().dividedBy(4).plusSeconds(1), this::purgeExpired);
    }

    /** Keeps {@code frame} (at its position) as the channel's last event, published at {@code publishedAtMillis}. */
    public void put(String appId, String channel, Frame frame, long publishedAtMillis, String streamId, long serial) {
        missesReported.remove(appId + '\n' + channel);
        apps.computeIfAbsent(appId, id -> new ConcurrentHashMap<>()).put(channel,
                new Cached(frame.forKeeping(), publishedAtMillis, publishedAtMillis + config.cache().ttl().toMillis(),
                        streamId, serial));
    }

    /** Keeps an event read from the cluster at start, unless a newer one is already cached or it has expired. */
    public void restore(String appId, String channel, Frame frame, long publishedAtMillis) {
        if (publishedAtMillis + config.cache().ttl().toMillis() <= clock.millis()) {
            return;
        }
        apps.computeIfAbsent(appId, id -> new ConcurrentHashMap<>()).merge(channel,
                new Cached(frame, publishedAtMillis, publishedAtMillis + config.cache().ttl().toMillis(), null, -1),
                (current, restored) -> current.publishedAtMillis() >= restored.publishedAtMillis() ? current : restored);
    }

    /** The cached event, or {@code null} when there is none or it expired. */
    public Cached get(String appId, String channel) {
        Map<String, Cached> channels = apps.get(appId);
        Cached cached = channels == null ? null : channels.get(channel);
        return cached == null || cached.expiresAtMillis() <= clock.millis() ? null : cached;
    }

    /**
     * Whether a miss of this channel should be reported: true for the first miss after the channel was last filled,
     * and again once a TTL has passed since the last report.
     */
    public boolean firstMiss(String appId, String channel) {
        long now = clock.millis();
        long ttl = config.cache().ttl().toMillis();
        boolean[] first = new boolean[1];
        missesReported.compute(appId + '\n' + channel, (key, reportedAt) -> {
            first[0] = reportedAt == null || now - reportedAt >= ttl;
            return first[0] ? now : reportedAt;
        });
        return first[0];
    }

    void purgeExpired() {
        long now = clock.millis();
        long ttl = config.cache().ttl().toMillis();
        apps.values().forEach(channels -> channels.values().removeIf(c -> c.expiresAtMillis() <= now));
        missesReported.values().removeIf(reportedAt -> now - reportedAt >= ttl);
    }
}
