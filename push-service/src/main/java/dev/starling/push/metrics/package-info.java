/** The {@code starling_push_*} metrics, all named in {@link dev.starling.push.metrics.PushMetrics}. */
package dev.starling.push.metrics;
