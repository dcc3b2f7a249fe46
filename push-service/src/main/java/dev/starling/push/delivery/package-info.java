/**
 * Delivery: the durable queue in PostgreSQL ({@link dev.starling.push.delivery.DeliveryStore}), the engine that
 * expands publishes into per-device deliveries and sends them through the providers in independent, bounded lanes
 * ({@link dev.starling.push.delivery.DeliveryEngine}), the {@link dev.starling.push.delivery.PushProvider} port and
 * the {@link dev.starling.push.delivery.Outcome}s it answers, and retry timing
 * ({@link dev.starling.push.delivery.Backoff}: exponential, jittered, honouring Retry-After).
 *
 * <h2>How it works</h2>
 * A publish row is expanded, in one transaction, into one delivery row per target device. A lane (instance ×
 * provider) claims due rows with {@code FOR UPDATE SKIP LOCKED} and a lease, so replicas share the work without
 * sending a row twice while its lease holds. Delivered rows are deleted; retryable failures get a later due time;
 * dead tokens delete their device; hopeless or too-old deliveries move to the dead letters. A crash mid-send only
 * delays a row until its lease runs out: delivery is at least once.
 */
package dev.starling.push.delivery;
