/**
 * The internal HTTP API on its own port (default 7080): history pages of a channel in a stream and the written-through
 * offset of a stream, optionally behind a bearer token. Thin resources over
 * {@link dev.starling.history.store.MessageReader}; validation in {@code QueryParameters}.
 */
package dev.starling.history.api;
