package dev.starling.loadgen.stats;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Percentiles of a latency histogram in milliseconds (microsecond resolution). {@code count} 0: all fields 0. A
 * histogram still being recorded into is summarised from a consistent copy (iterating it directly can fail).
 */
public record LatencySummary(long count, double meanMs, double p50Ms, double p90Ms, double p99Ms, double p999Ms,
        double maxMs) {

    public static LatencySummary of(AbstractHistogram histogram) {
        AbstractHistogram micros = histogram instanceof ConcurrentHistogram concurrent ? concurrent.copy() : histogram;
        if (micros.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
        }
        return new LatencySummary(micros.getTotalCount(), ms(micros.getMean()),
                ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()));
    }

    private static double ms(double micros) {
        return Math.round(micros) / 1000.0;
    }
}
