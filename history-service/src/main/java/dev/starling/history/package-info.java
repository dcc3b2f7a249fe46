/**
 * history-service: persists every channel message of the Kafka {@code events} topic into PostgreSQL and answers the
 * gateways' history, rewind and resume queries.
 *
 * <h2>How it works</h2>
 * <ul>
 *   <li>{@link dev.starling.history.ingest}: consumer group {@code history} reads the topic in batches; each batch
 *       is written in one transaction (retried until it commits) and acknowledged only then.</li>
 *   <li>{@link dev.starling.history.store}: rows keyed by position {@code (stream_id, serial)}, idempotent inserts,
 *       per-partition written-through offsets, per-channel row counts.</li>
 *   <li>{@link dev.starling.history.retention}: periodic, bounded deletes by age and by count.</li>
 *   <li>{@link dev.starling.history.api}: {@code GET /v1/apps/{app}/channels/{channel}/messages}.</li>
 *   <li>{@link dev.starling.history.kafka}, {@link dev.starling.history.health},
 *       {@link dev.starling.history.metrics}: topic id, lag, readiness, {@code starling_history_*} meters.</li>
 * </ul>
 */
package dev.starling.history;
