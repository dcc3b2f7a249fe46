package dev.starling.loadgen;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;

/** The named scenarios of BENCHMARKS.md. */
public enum Scenario {
    IDLE("idle", "N connections each subscribed to a channel, held idle: connect rate and server memory per connection"),
    FANOUT("fanout", "one channel, S subscribers, HTTP publishes at a rate or flat out: deliveries/s, latency, drops"),
    MANY_CHANNELS("many-channels", "C channels with few subscribers each, each channel published at --channel-rate"),
    CHURN("churn", "fanout, then fanout while connections open, subscribe and close continuously"),
    CLUSTER("cluster", "fanout with subscribers and publishes spread over several gateway ports (nodes)"),
    SLOW_CONSUMER("slow-consumer", "fanout, then 1% of subscribers stop reading: they must be closed (4100)"),
    PRESENCE("presence", "presence channels whose members leave and rejoin continuously: member events/s");

    private final String cliName;
    private final String description;

    Scenario(String cliName, String description) {
        this.cliName = cliName;
        this.description = description;
    }

    @JsonValue
    public String cliName() {
        return cliName;
    }

    public String description() {
        return description;
    }

    public static Scenario parse(String name) {
        return Arrays.stream(values()).filter(s -> s.cliName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown scenario '" + name + "'; one of "
                        + Arrays.stream(values()).map(Scenario::cliName).collect(Collectors.joining(", "))));
    }
}
