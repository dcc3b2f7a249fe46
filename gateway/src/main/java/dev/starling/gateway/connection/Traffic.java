package dev.starling.gateway.connection;

import java.util.concurrent.atomic.LongAdder;

/**
 * Traffic counters shared by all connections: frames and bytes queued to clients and received from them, and
 * slow-consumer closes. Plain adders, cheap enough for every delivery; exported by the metrics.
 */
public final class Traffic {

    public final LongAdder framesSent = new LongAdder();
    public final LongAdder bytesSent = new LongAdder();
    public final LongAdder framesReceived = new LongAdder();
    public final LongAdder bytesReceived = new LongAdder();
    public final LongAdder slowConsumerCloses = new LongAdder();
}
