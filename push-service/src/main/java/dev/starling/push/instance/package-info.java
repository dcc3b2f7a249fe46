/**
 * Beams instances from configuration: {@link dev.starling.push.instance.Instances} validates them at start (a broken
 * instance stops the start, naming the key) and {@link dev.starling.push.instance.VapidKeyStore} gives each its VAPID
 * key pair, configured or generated once and persisted so every replica signs with the key browsers subscribed with.
 * Secrets never appear in {@code toString()} or logs.
 */
package dev.starling.push.instance;
