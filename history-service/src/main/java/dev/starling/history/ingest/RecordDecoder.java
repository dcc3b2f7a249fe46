package dev.starling.history.ingest;

import dev.starling.history.store.MessageRow;
import dev.starling.protocol.Parsed;
import dev.starling.protocol.cluster.ChannelMessage;
import dev.starling.protocol.cluster.ClusterCodec;
import dev.starling.protocol.history.ChannelEventFrame;

/**
 * Turns one record of the events topic (a {@link ClusterCodec}-encoded {@link ChannelMessage} carrying the frame
 * subscribers receive) into the row to store at its position. Never throws.
 */
final class RecordDecoder {

    private RecordDecoder() {
    }

    static Parsed<MessageRow> decode(String streamId, long offset, byte[] value) {
        Parsed<ChannelMessage> message = ClusterCodec.decodeChannelMessage(value);
        if (!message.isOk()) {
            return Parsed.err(message.reason());
        }
        ChannelMessage m = message.value();
        if (m.appId() == null || m.channel() == null) {
            return Parsed.err("channel message without app or channel");
        }
        Parsed<ChannelEventFrame> frame = ChannelEventFrame.parse(m.frame());
        if (!frame.isOk()) {
            return Parsed.err(frame.reason());
        }
        ChannelEventFrame f = frame.value();
        return Parsed.ok(new MessageRow(m.appId(), m.channel(), streamId, offset, f.event(), f.data(), f.userId(),
                m.publishedAtMillis()));
    }
}
