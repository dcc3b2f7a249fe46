/**
 * Health on the management port: liveness is the process and the Kafka connector (a failed consumer is not live);
 * readiness is PostgreSQL (the datasource checks) and Kafka ({@link dev.starling.history.health.KafkaReadiness}).
 */
package dev.starling.history.health;
