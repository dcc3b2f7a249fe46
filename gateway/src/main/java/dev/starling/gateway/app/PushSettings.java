package dev.starling.gateway.app;

/**
 * Where an app's channel publishes push to: a publish carrying {@code extras.push} is also sent to push-service
 * instance {@code instanceId}, to the interest {@code interestPrefix + channel} of each of its channels.
 *
 * @param secretKey the instance's secret key, for push-service's HTTP API (single node); may be {@code null} in
 *                  cluster mode, where the Kafka topic needs none
 */
public record PushSettings(String instanceId, String secretKey, String interestPrefix) {

    /** The Beams interest a channel maps to. */
    public String interest(String channel) {
        return interestPrefix + channel;
    }

    @Override
    public String toString() {
        return "PushSettings[instance=" + instanceId + ", interestPrefix=" + interestPrefix + "]"; // no secret
    }
}
