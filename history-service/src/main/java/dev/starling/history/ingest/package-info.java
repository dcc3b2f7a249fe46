/**
 * Consumption of the Kafka events topic into PostgreSQL.
 *
 * <h2>How it works</h2>
 * SmallRye Reactive Messaging's Kafka connector polls the topic (consumer group {@code history}, from the earliest
 * offset the first time) and hands {@link dev.starling.history.ingest.EventsConsumer} one batch at a time. Each
 * record becomes a row at its position ({@code stream_id} = topic id + partition, {@code serial} = offset);
 * {@link dev.starling.history.ingest.BatchWriter} writes the batch in one transaction, retrying with backoff until
 * it commits, and only then is the batch acknowledged, which commits its offsets. At-least-once consumption plus
 * idempotent inserts give exactly one row per message.
 */
package dev.starling.history.ingest;
