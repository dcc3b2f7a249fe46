package dev.starling.gateway.cluster;

import dev.starling.protocol.cluster.ChannelMessage;
import dev.starling.protocol.cluster.ControlMessage;
import dev.starling.protocol.cluster.StateUpdate;

/** Receives what the {@link ClusterBus} delivers. Calls for one channel never overlap. Must not block. */
public interface ClusterListener {

    /** A channel message; {@code position} increases monotonically per channel. */
    void onMessage(ChannelMessage message, long position);

    void onState(StateUpdate update);

    void onControl(ControlMessage message);
}
