package dev.starling.loadgen.group;

import java.util.List;
import java.util.Map;

/**
 * The state of a subscriber group (one process): per-phase counts, how many healthy subscribers each channel has,
 * closes nobody asked for, slow consumers, presence toggles and the process's own CPU and GC cost.
 *
 * @param phases index = phase number
 * @param subscribedPerChannel healthy (non-slow) connections that reached {@code subscription_succeeded}, by channel
 * @param open connections currently open
 * @param closes closes of healthy connections the loadgen did not ask for, by close code (-1: no code)
 * @param slowDesignated connections of this group that are slow consumers
 * @param slowCloses closes of slow consumers, by close code
 * @param slowOpen slow consumers still open
 * @param slowDeliveries events slow consumers received (before they stopped reading, and what was buffered)
 * @param refusals {@code pusher:error} / {@code pusher:subscription_error} frames, by event and code
 * @param leaves presence unsubscribes done by the toggle workload
 * @param joins presence re-subscriptions that succeeded
 * @param cpuSeconds CPU time of this process so far
 * @param gcCount garbage collections of this process so far
 * @param gcMillis time spent in them
 * @param nativeTransport whether Vert.x runs on epoll
 */
public record GroupReport(List<PhaseCounts> phases, int[] subscribedPerChannel, int open, Map<Integer, Long> closes,
        int slowDesignated, Map<Integer, Long> slowCloses, int slowOpen, long slowDeliveries,
        Map<String, Long> refusals, long leaves, long joins, double cpuSeconds, long gcCount, long gcMillis,
        boolean nativeTransport) {
}
