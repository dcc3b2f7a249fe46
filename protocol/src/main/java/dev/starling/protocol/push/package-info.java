/**
 * Push notifications shared between gateways and push-service: the {@link dev.starling.protocol.push.PushPublish}
 * record that travels on the {@code {prefix}push} Kafka topic, its JSON codec, and Pusher Beams' naming rules.
 *
 * <h2>How it works</h2>
 * A publish (from push-service's Beams-compatible HTTP API, or from a gateway for a channel publish that also
 * notifies) is encoded by {@link dev.starling.protocol.push.PushPublishCodec} and written with the instance id as the
 * key. push-service's consumer decodes it (never throwing: a corrupt record becomes a refusal reason), stores it and
 * delivers it to the devices registered for its interests or users, at least once.
 */
package dev.starling.protocol.push;
