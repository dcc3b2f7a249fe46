/** Housekeeping on a timer: finished publishes, old dead letters and finished webhook jobs are deleted. */
package dev.starling.push.lifecycle;
