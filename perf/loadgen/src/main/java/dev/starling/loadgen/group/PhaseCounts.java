package dev.starling.loadgen.group;

/**
 * What healthy subscribers of a group received in one phase. The histograms (microseconds, encoded with
 * {@code Latencies.encode}) are present only in final reports.
 *
 * @param received load events received, tagged with this phase
 * @param memberAdded {@code pusher_internal:member_added} received while the phase ran
 * @param memberRemoved {@code pusher_internal:member_removed} received while the phase ran
 * @param latency publish → receive latency of every delivery
 * @param latencySameNode the deliveries published through the port the subscriber is connected to
 * @param latencyOtherNode the deliveries published through another port (another cluster node)
 */
public record PhaseCounts(long received, long memberAdded, long memberRemoved, String latency,
        String latencySameNode, String latencyOtherNode) {
}
