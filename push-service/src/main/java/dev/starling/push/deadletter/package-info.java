/**
 * Dead letters: deliveries given up on (a permanent provider error, or still failing after
 * {@code delivery.max-age}), kept for {@code dead-letters.retention} with their request and token so the admin API can
 * list and replay them.
 */
package dev.starling.push.deadletter;
