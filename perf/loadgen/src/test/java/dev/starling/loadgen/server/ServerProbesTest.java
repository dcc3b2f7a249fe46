package dev.starling.loadgen.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ServerProbesTest {

    @Test
    void readsRssFromProcStatus() {
        String status = "Name:\tjava\nVmPeak:\t 3000000 kB\nVmRSS:\t  204800 kB\nThreads:\t42\n";
        assertThat(ProcessProbe.parseRss(status)).isEqualTo(204800L * 1024);
        assertThat(ProcessProbe.parseRss("Name:\tx\n")).isEqualTo(-1);
    }

    @Test
    void readsCpuTicksEvenWhenTheCommandHasSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1500 250 0 0 20 0 40 0 1 2 3";
        assertThat(ProcessProbe.parseCpuTicks(stat)).isEqualTo(1750);
    }

    @Test
    void readsThisProcessFromProc() {
        ProcessProbe probe = new ProcessProbe(ProcessHandle.current().pid());
        assertThat(probe.alive()).isTrue();
        assertThat(probe.rssBytes()).isPositive();
        assertThat(probe.cpuSeconds()).isPositive();
    }

    @Test
    void keepsTheInterestingPrometheusSamples() {
        String text = """
                # HELP jvm_memory_used_bytes The amount of used memory
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 5242880.0
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 1.0E6
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 2.8E7
                process_cpu_time_ns_total 2.01E9
                http_server_requests_seconds_count{method="GET"} 3.0
                starling_connections{app="app-id"} 12 1700000000000
                broken line
                """;
        Map<String, Double> samples = MetricsScraper.parse(text);
        assertThat(samples).containsEntry("process_cpu_time_ns_total", 2.01e9)
                .containsEntry("starling_connections{app=\"app-id\"}", 12.0)
                .doesNotContainKey("http_server_requests_seconds_count{method=\"GET\"}");
        assertThat(MetricsScraper.heapUsed(samples)).isEqualTo(6242880L);
        assertThat(MetricsScraper.heapUsed(Map.of())).isEqualTo(-1);
    }
}
