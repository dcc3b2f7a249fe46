package dev.starling.loadgen.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import dev.starling.loadgen.stats.Latencies;

class GroupReportsTest {

    private static GroupReport report(long received, long micros, int channel0, Map<Integer, Long> closes) {
        Histogram h = Latencies.histogram();
        Latencies.record(h, micros);
        return new GroupReport(List.of(new PhaseCounts(0, 0, 0, Latencies.encode(Latencies.histogram()), null, null),
                new PhaseCounts(received, 1, 2, Latencies.encode(h), null, null)), new int[] {channel0, 1}, 10,
                closes, 1, Map.of(), 0, 3, Map.of(), 0, 0, 2.0, 1, 10, true);
    }

    @Test
    void mergesCountsHistogramsAndMaps() {
        GroupReport merged = GroupReports.merge(List.of(report(100, 1000, 3, Map.of(4100, 1L)),
                report(50, 5000, 4, Map.of(4100, 2L, 1006, 1L))));
        assertThat(merged.phases().get(1).received()).isEqualTo(150);
        assertThat(merged.phases().get(1).memberRemoved()).isEqualTo(4);
        Histogram latency = Latencies.decode(merged.phases().get(1).latency());
        assertThat(latency.getTotalCount()).isEqualTo(2);
        assertThat(latency.getMaxValue()).isBetween(5000L, 5010L);
        assertThat(merged.subscribedPerChannel()).containsExactly(7, 2);
        assertThat(merged.closes()).containsEntry(4100, 3L).containsEntry(1006, 1L);
        assertThat(merged.open()).isEqualTo(20);
        assertThat(merged.cpuSeconds()).isEqualTo(4.0);
        assertThat(merged.phases().get(1).latencySameNode()).isNull();
    }

    @Test
    void connectReportsAddUpOverTheWallTime() {
        ConnectReport merged = ConnectReport.merge(List.of(new ConnectReport(10, 9, 1, Map.of("timeout", 1L), 400),
                new ConnectReport(10, 10, 0, Map.of(), 500)), 500);
        assertThat(merged.subscribed()).isEqualTo(19);
        assertThat(merged.failures()).containsEntry("timeout", 1L);
        assertThat(merged.perSecond()).isEqualTo(38);
    }
}
