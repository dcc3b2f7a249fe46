package dev.starling.gateway.cluster.kafka;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.starling.gateway.cluster.ClusterListener;
import dev.starling.protocol.cluster.ChannelMessage;
import dev.starling.protocol.cluster.ControlMessage;
import dev.starling.protocol.cluster.StateUpdate;

/** Records everything a bus delivers. */
final class RecordingListener implements ClusterListener {

    record Delivered(ChannelMessage message, long position) {
    }

    record State(StateUpdate update, String origin) {
    }

    final List<Delivered> messages = new CopyOnWriteArrayList<>();
    final List<State> states = new CopyOnWriteArrayList<>();
    final List<ControlMessage> controls = new CopyOnWriteArrayList<>();
    final List<String> nodesDown = new CopyOnWriteArrayList<>();
    final List<ChannelMessage> restored = new CopyOnWriteArrayList<>();

    @Override
    public void onMessage(ChannelMessage message, long position) {
        messages.add(new Delivered(message, position));
    }

    @Override
    public void onState(StateUpdate update, String origin) {
        states.add(new State(update, origin));
    }

    @Override
    public void onControl(ControlMessage message) {
        controls.add(message);
    }

    @Override
    public void onNodeDown(String nodeId) {
        nodesDown.add(nodeId);
    }

    @Override
    public void onCacheRestored(ChannelMessage message) {
        restored.add(message);
    }

    List<String> frames(String channel) {
        return messages.stream().filter(d -> d.message().channel().equals(channel)).map(d -> d.message().frame()).toList();
    }
}
