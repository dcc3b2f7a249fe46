/**
 * PostgreSQL storage of channel history through Hibernate Reactive (schema by Flyway, {@code db/migration}).
 *
 * <h2>How it works</h2>
 * <ul>
 *   <li>{@code channel_messages}: one row per message, primary key {@code (stream_id, serial)} = its position.
 *       {@link dev.starling.history.store.MessageWriter} inserts a whole consumed batch with multi-row
 *       {@code INSERT … ON CONFLICT DO NOTHING} statements in one transaction: a batch delivered twice is stored
 *       once.</li>
 *   <li>{@code history_channels}: one row per channel and stream with its exact row count, kept in the same
 *       statements that insert and delete; retention by count reads it instead of counting rows.</li>
 *   <li>{@code stream_progress}: per partition, the offset through which every record has been written, updated
 *       in the batch's transaction (never lowered), so {@code written_through} is right after any restart.</li>
 *   <li>{@link dev.starling.history.store.MessageReader} answers history queries with index lookups (HQL on the
 *       entities); {@link dev.starling.history.store.RetentionStore} deletes in bounded statements.</li>
 *   <li>All of it runs on Vert.x event loops, never blocking a thread; {@link dev.starling.history.store.StoreContext}
 *       gives retried work a fresh context.</li>
 * </ul>
 */
package dev.starling.history.store;
