/**
 * The history contract shared by history-service and the gateways (plain Java, no framework).
 *
 * <h2>How it works</h2>
 * <ul>
 *   <li>A channel's messages form a stream: in cluster mode the partition of the Kafka {@code events} topic the
 *       channel hashes to. {@link dev.starling.protocol.history.StreamIds} names it from the topic id and the
 *       partition; the record offset is the message's {@code serial}, and
 *       {@link dev.starling.protocol.history.MessageIds} derives the {@code message_id} from that position, so every
 *       node, every replay and the history agree on it without coordination.</li>
 *   <li>{@link dev.starling.protocol.history.ChannelEventFrame} reads back the channel event frame a gateway encoded
 *       once for its subscribers (the record of the events topic carries that frame).</li>
 *   <li>{@link dev.starling.protocol.history.HistoryQuery} builds a request of history-service's API,
 *       {@link dev.starling.protocol.history.HistoryPageCodec} writes and reads its answer,
 *       {@link dev.starling.protocol.history.HistoryError} its error body. Decoders never throw.</li>
 * </ul>
 */
package dev.starling.protocol.history;
