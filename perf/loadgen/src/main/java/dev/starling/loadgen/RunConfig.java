package dev.starling.loadgen;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.starling.loadgen.client.ChannelKind;
import dev.starling.loadgen.client.SubscriberSpec;
import dev.starling.loadgen.publish.PublisherSpec;

/**
 * A fully resolved run: every option with its scenario default applied and validated (see {@link LoadOptions}).
 * Written into the JSON record as {@code parameters}, without the secret. Times are in seconds.
 */
public record RunConfig(Scenario scenario, String host, List<Integer> ports, String appId, String key,
        @JsonIgnore String secret, List<Integer> connections, int channels, ChannelKind channelType,
        String channelPrefix, String eventName, double rate, double channelRate, int payloadBytes,
        double durationSeconds, double baselineSeconds, double warmupSeconds, double drainSeconds, double ramp, int connectConcurrency,
        double connectTimeoutSeconds, List<String> sourceAddresses, int processes, List<String> childJvmArgs,
        int eventLoops, int receiveBufferBytes, int inFlight, double slowPercent, double churnRate,
        double churnLifetimeSeconds, double toggleRate, double toggleAwaySeconds, String json, Long serverPid,
        String metricsUrl, boolean serverGc, boolean allowRemote, double maxRuntimeSeconds, int protocol) {

    /** Largest population (the last idle level, or the only value). */
    @JsonIgnore
    public int totalConnections() {
        return connections.get(connections.size() - 1);
    }

    /** Every {@code slowEvery}-th connection is a slow consumer (at least one); 0 outside slow-consumer. */
    @JsonIgnore
    public int slowEvery() {
        return scenario == Scenario.SLOW_CONSUMER ? Math.max(1, (int) Math.round(100 / slowPercent)) : 0;
    }

    /** Publishes per second of the run: {@code channels × channelRate} for many-channels, else {@code rate}. */
    @JsonIgnore
    public double publishRate() {
        return scenario == Scenario.MANY_CHANNELS ? channels * channelRate : rate;
    }

    @JsonIgnore
    public SubscriberSpec subscriberSpec() {
        return new SubscriberSpec(host, ports, key, secret, channelType, channelPrefix, channels, eventName,
                slowEvery(), scenario == Scenario.PRESENCE ? toggleRate : 0, millis(toggleAwaySeconds),
                sourceAddresses, eventLoops, connectConcurrency, ramp, receiveBufferBytes, 8192,
                millis(connectTimeoutSeconds), protocol);
    }

    @JsonIgnore
    public PublisherSpec publisherSpec(List<String> channelNames) {
        return new PublisherSpec(host, ports, appId, key, secret, eventName, payloadBytes, inFlight, channelNames,
                10_000);
    }

    public static long millis(double seconds) {
        return Math.round(seconds * 1000);
    }
}
