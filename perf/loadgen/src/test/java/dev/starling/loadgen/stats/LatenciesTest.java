package dev.starling.loadgen.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void summaryIsInMillisecondsWithTheUsualPercentiles() {
        Histogram micros = Latencies.histogram();
        for (int i = 1; i <= 1000; i++) {
            Latencies.record(micros, i * 1000L); // 1 ms … 1000 ms
        }
        LatencySummary summary = LatencySummary.of(micros);
        assertThat(summary.count()).isEqualTo(1000);
        assertThat(summary.p50Ms()).isCloseTo(500, within(1.0));
        assertThat(summary.p90Ms()).isCloseTo(900, within(1.0));
        assertThat(summary.p99Ms()).isCloseTo(990, within(1.0));
        assertThat(summary.p999Ms()).isCloseTo(999, within(1.0));
        assertThat(summary.maxMs()).isCloseTo(1000, within(1.0));
        assertThat(summary.meanMs()).isCloseTo(500.5, within(1.0));
    }

    @Test
    void emptyHistogramsSummarizeToZero() {
        assertThat(LatencySummary.of(Latencies.histogram())).isEqualTo(new LatencySummary(0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void outOfRangeValuesAreClampedNotLost() {
        Histogram micros = Latencies.histogram();
        Latencies.record(micros, -5);
        Latencies.record(micros, Long.MAX_VALUE);
        assertThat(micros.getTotalCount()).isEqualTo(2);
        assertThat(micros.getMinValue()).isZero();
        assertThat(micros.getMaxValue()).isGreaterThanOrEqualTo(Latencies.HIGHEST_MICROS);
    }

    @Test
    void encodedHistogramsRoundTripAndAddUp() {
        Histogram a = Latencies.histogram();
        Histogram b = Latencies.concurrent().copy();
        Latencies.record(a, 100);
        Latencies.record(b, 300);
        Histogram decoded = Latencies.decode(Latencies.encode(a));
        decoded.add(Latencies.decode(Latencies.encode(b)));
        assertThat(decoded.getTotalCount()).isEqualTo(2);
        assertThat(decoded.getMaxValue()).isBetween(300L, 301L);
    }
}
