package dev.starling.gateway.history;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.starling.gateway.cluster.ClusterBus;
import dev.starling.protocol.Parsed;
import dev.starling.protocol.history.ChannelEventFrame;
import dev.starling.protocol.history.HistoryItem;
import dev.starling.protocol.history.HistoryPage;
import dev.starling.protocol.history.HistoryQuery;
import dev.starling.protocol.history.MessageIds;

/** The single node's history: what {@link HistoryBuffers} holds, answered at once. */
public final class LocalHistory implements HistorySource {

    private final HistoryBuffers buffers;
    private final ClusterBus bus;

    public LocalHistory(HistoryBuffers buffers, ClusterBus bus) {
        this.buffers = buffers;
        this.bus = bus;
    }

    @Override
    public boolean isLocal() {
        return true;
    }

    @Override
    public CompletionStage<HistoryPage> query(String appId, String channel, HistoryQuery query) {
        String streamId = bus.streamId(appId, channel);
        long writtenThrough = bus.position(appId, channel);
        ChannelBuffer.Snapshot snapshot = buffers.snapshot(appId, channel);
        if (snapshot == null || !streamId.equals(query.streamId())) {
            return CompletableFuture.completedFuture(new HistoryPage(query.streamId(), List.of(), null, null,
                    writtenThrough, false));
        }
        List<Retained> messages = snapshot.messages();
        long limit = query.limit().orElse(Long.MAX_VALUE);
        boolean forwards = query.direction() == HistoryQuery.Direction.FORWARDS;
        List<HistoryItem> items = new ArrayList<>();
        boolean hasMore = false;
        for (int i = 0; i < messages.size(); i++) {
            Retained message = messages.get(forwards ? i : messages.size() - 1 - i);
            if (!matches(message, query)) {
                continue;
            }
            if (items.size() == limit) {
                hasMore = true;
                break;
            }
            items.add(item(streamId, message));
        }
        Long oldest = messages.isEmpty() ? null : messages.getFirst().serial();
        Long newest = messages.isEmpty() ? null : messages.getLast().serial();
        return CompletableFuture.completedFuture(new HistoryPage(streamId, items, oldest, newest, writtenThrough,
                hasMore));
    }

    private static boolean matches(Retained message, HistoryQuery query) {
        long serial = message.serial();
        return (query.afterSerial().isEmpty() || serial > query.afterSerial().getAsLong())
                && (query.beforeSerial().isEmpty() || serial < query.beforeSerial().getAsLong())
                && (query.fromSerial().isEmpty() || serial >= query.fromSerial().getAsLong())
                && (query.toSerial().isEmpty() || serial <= query.toSerial().getAsLong())
                && (query.sinceMs().isEmpty() || message.publishedAtMillis() >= query.sinceMs().getAsLong());
    }

    /** A retained message as a history item (its frame is parsed back; only the history API needs that). */
    static HistoryItem item(String streamId, Retained message) {
        Parsed<ChannelEventFrame> frame = ChannelEventFrame.parse(message.frame().text());
        ChannelEventFrame event = frame.isOk() ? frame.value() : null;
        return new HistoryItem(MessageIds.of(streamId, message.serial()), message.serial(),
                event == null ? "" : event.event(), event == null ? null : event.data(),
                event == null ? null : event.userId(), message.publishedAtMillis());
    }
}
