package dev.starling.loadgen.client;

import java.util.List;

/**
 * Everything a group of subscribers needs to know, in one process or sent as JSON to a child process. Connection
 * {@code i} (a global index, unique across processes) is placed by {@link Topology}: its channel, the server port,
 * the local source address, whether it is a slow consumer and its presence user id are all functions of {@code i}.
 *
 * @param host server host (loopback unless the run allows remote hosts)
 * @param ports server ports; connection {@code i} uses {@code ports[i % ports.size()]}
 * @param appKey the app key in the WebSocket path
 * @param appSecret signs private and presence subscriptions locally
 * @param kind channel type
 * @param channelPrefix channel names are {@code kind.prefix + channelPrefix + n}
 * @param channels number of channels; connection {@code i} subscribes to channel {@code i % channels}
 * @param eventName the event the publisher sends; other events are ignored (but pings are answered)
 * @param slowEvery {@code 0}: no slow consumers; else every connection with {@code i % slowEvery == 0} stops
 *        reading when a phase says so
 * @param toggleRate presence only: leave-and-rejoin operations per second for this group in toggling phases
 * @param toggleAwayMillis how long a toggled member stays away before it subscribes again
 * @param sourceAddresses local addresses to bind (empty: the OS picks)
 * @param eventLoops Vert.x event loops of this process
 * @param connectConcurrency handshakes in progress at once in this group
 * @param rampPerSecond connection starts per second for this group; {@code 0}: as fast as the concurrency allows
 * @param receiveBufferBytes SO_RCVBUF of subscriber sockets; {@code 0}: the OS default (autotuned)
 * @param slowReceiveBufferBytes SO_RCVBUF of slow consumers, small so that the server sees them stall quickly
 * @param connectTimeoutMillis from connection start to {@code subscription_succeeded}
 * @param protocol the {@code protocol} query parameter: 7 (Pusher) or 2 (Starling's, with positions)
 */
public record SubscriberSpec(String host, List<Integer> ports, String appKey, String appSecret, ChannelKind kind,
        String channelPrefix, int channels, String eventName, int slowEvery, double toggleRate, long toggleAwayMillis,
        List<String> sourceAddresses, int eventLoops, int connectConcurrency, double rampPerSecond,
        int receiveBufferBytes, int slowReceiveBufferBytes, long connectTimeoutMillis, int protocol) {

    /** This spec with the per-process shares of the rates, for one of {@code processes} groups. */
    public SubscriberSpec share(int processes) {
        return new SubscriberSpec(host, ports, appKey, appSecret, kind, channelPrefix, channels, eventName, slowEvery,
                toggleRate / processes, toggleAwayMillis, sourceAddresses, eventLoops, connectConcurrency,
                rampPerSecond / processes, receiveBufferBytes, slowReceiveBufferBytes, connectTimeoutMillis, protocol);
    }
}
