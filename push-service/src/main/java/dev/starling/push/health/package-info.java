/** Readiness on the management port: PostgreSQL reachable, and in cluster mode both Kafka consumers polling. */
package dev.starling.push.health;
