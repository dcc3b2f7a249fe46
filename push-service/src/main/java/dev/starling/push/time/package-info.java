/** The injected {@link java.time.Clock}: every time decision (due, expired, too old) reads it, never the system. */
package dev.starling.push.time;
