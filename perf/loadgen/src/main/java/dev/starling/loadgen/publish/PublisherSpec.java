package dev.starling.loadgen.publish;

import java.util.List;

/**
 * What the publisher needs. Publish {@code k} of a run goes to channel {@code channels[k % C]} through port
 * {@code ports[(k / C) % P]}, so every channel is published evenly and, with several ports (cluster nodes), through
 * every node in turn.
 *
 * @param inFlight requests awaiting their response at most; a fixed rate that needs more falls behind (reported)
 * @param requestTimeoutMillis one HTTP request, response included
 */
public record PublisherSpec(String host, List<Integer> ports, String appId, String key, String secret,
        String eventName, int payloadBytes, int inFlight, List<String> channels, long requestTimeoutMillis) {
}
