/**
 * Load shedding: how much work is waiting in the node ({@link dev.starling.gateway.load.DeliveryBacklog}), so that an
 * overloaded node refuses new work early (503, readiness down, Kafka reading paused) instead of queueing it without
 * bound. The connection limit lives with the connections ({@code connection.NodeCapacity}).
 */
package dev.starling.gateway.load;
