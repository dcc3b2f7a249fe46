/** The {@code starling_history_*} Micrometer meters (Prometheus format on the management port). */
package dev.starling.history.metrics;
