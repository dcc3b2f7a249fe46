/**
 * Cluster mode over Kafka, with the Kafka client used directly: the intake that writes accepted publishes to
 * {@code {prefix}push} with acks=all ({@link dev.starling.push.kafka.KafkaPublishLog}), and the two consumer groups
 * ({@code push}, {@code push-webhooks}) that store what they read in PostgreSQL before committing
 * ({@link dev.starling.push.kafka.KafkaConsumers}). The record formats are the protocol module's
 * {@link dev.starling.protocol.push.PushPublishCodec} and {@link dev.starling.protocol.webhook.WebhookJobCodec},
 * shared with the gateways.
 *
 * <p>Why not SmallRye Reactive Messaging: the mode is chosen at run time by {@code starling.push.mode}, while a
 * messaging channel's {@code enabled} flag is fixed at build time since Quarkus 3.30; and the consumers need batch
 * writes with commit-after-store and seek-back on store failures, which the plain client makes explicit.
 */
package dev.starling.push.kafka;
