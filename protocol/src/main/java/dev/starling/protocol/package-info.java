/**
 * The Pusher Channels protocol (version 7) in plain Java, shared by every Starling service.
 *
 * <h2>How it works</h2>
 * <ul>
 *   <li>{@link dev.starling.protocol.frame.FrameDecoder} turns a client text frame into one of the sealed
 *       {@link dev.starling.protocol.frame.ClientFrame} records. It never throws: malformed input becomes
 *       {@link dev.starling.protocol.frame.ClientFrame.Invalid} carrying the reason.</li>
 *   <li>{@link dev.starling.protocol.frame.ServerFrames} writes every server frame byte-exact, including
 *       Pusher's double encoding (a JSON document carried as a JSON string in {@code data}).</li>
 *   <li>{@link dev.starling.protocol.channel.ChannelName} classifies channel names by their anchored prefixes and
 *       enforces the naming rules.</li>
 *   <li>{@link dev.starling.protocol.auth} holds every signature of the protocol: channel and user auth, HTTP API
 *       request signing and webhook signing, all compared in constant time.</li>
 *   <li>{@link dev.starling.protocol.ErrorCode} is the single list of error and close codes with the reconnect
 *       behaviour clients apply to each.</li>
 *   <li>{@link dev.starling.protocol.api} parses HTTP API bodies; {@link dev.starling.protocol.webhook} encodes
 *       webhook bodies.</li>
 * </ul>
 * This module has no framework dependency (no Quarkus, Vert.x, Jakarta or CDI); a test enforces it.
 */
package dev.starling.protocol;
