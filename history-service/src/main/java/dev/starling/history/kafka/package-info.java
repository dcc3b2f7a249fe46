/**
 * What history-service asks Kafka besides consuming: the events topic's id (which names the streams), the end and
 * committed offsets (the write lag), and whether the cluster answers (readiness). One admin client, shared.
 */
package dev.starling.history.kafka;
