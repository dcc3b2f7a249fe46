/**
 * Retention of channel history by age and by count per channel, with per-app overrides, enforced by a periodic job
 * in bounded steps (see {@link dev.starling.history.retention.RetentionJob} for what is guaranteed).
 */
package dev.starling.history.retention;
