/**
 * push-service: a Pusher Beams-compatible push notification service (Web Push, FCM HTTP v1, APNs) and, in cluster
 * mode, the durable deliverer of the gateways' webhooks.
 *
 * <h2>How it works</h2>
 * The Beams server SDKs publish to {@link dev.starling.push.api.PublishResource}; a checked publish is made durable by
 * a {@link dev.starling.push.publish.PublishIntake} (PostgreSQL, or Kafka in cluster mode, whose consumer then stores
 * it) before the 200. The {@link dev.starling.push.delivery.DeliveryEngine} expands each publish into one delivery per
 * target device (devices and interests come from the client SDKs through the device API,
 * {@link dev.starling.push.device.DeviceRegistry}) and sends them through the providers in independent bounded lanes,
 * retrying with backoff, pruning dead tokens and keeping what cannot be delivered as dead letters. Webhook jobs from
 * the gateways take the same road through {@link dev.starling.push.webhook}.
 */
package dev.starling.push;
