/**
 * Accepting a publish: {@link dev.starling.push.publish.PublishRequests} checks the Beams body (targets, names,
 * platform objects, payload sizes) so bad input stores and sends nothing; a
 * {@link dev.starling.push.publish.PublishIntake} makes the accepted publish durable before the 200 (PostgreSQL in
 * standalone mode, Kafka with acks=all in cluster mode); {@link dev.starling.push.publish.PushPayloads} builds what
 * each provider is sent, in the shape the Beams client SDKs read.
 */
package dev.starling.push.publish;
