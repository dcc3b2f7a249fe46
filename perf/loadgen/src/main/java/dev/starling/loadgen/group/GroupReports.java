package dev.starling.loadgen.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.HdrHistogram.Histogram;

import dev.starling.loadgen.stats.Latencies;

/** Adds up the reports of several groups into one, histograms included. */
public final class GroupReports {

    private GroupReports() {
    }

    public static GroupReport merge(List<GroupReport> reports) {
        if (reports.size() == 1) {
            return reports.get(0);
        }
        int phaseCount = reports.get(0).phases().size();
        List<PhaseCounts> phases = new ArrayList<>();
        for (int p = 0; p < phaseCount; p++) {
            int phase = p;
            List<PhaseCounts> each = reports.stream().map(r -> r.phases().get(phase)).toList();
            phases.add(new PhaseCounts(each.stream().mapToLong(PhaseCounts::received).sum(),
                    each.stream().mapToLong(PhaseCounts::memberAdded).sum(),
                    each.stream().mapToLong(PhaseCounts::memberRemoved).sum(),
                    histograms(each, PhaseCounts::latency), histograms(each, PhaseCounts::latencySameNode),
                    histograms(each, PhaseCounts::latencyOtherNode)));
        }
        int[] perChannel = new int[reports.get(0).subscribedPerChannel().length];
        reports.forEach(r -> {
            for (int c = 0; c < perChannel.length; c++) {
                perChannel[c] += r.subscribedPerChannel()[c];
            }
        });
        return new GroupReport(phases, perChannel, reports.stream().mapToInt(GroupReport::open).sum(),
                maps(reports, GroupReport::closes), reports.stream().mapToInt(GroupReport::slowDesignated).sum(),
                maps(reports, GroupReport::slowCloses), reports.stream().mapToInt(GroupReport::slowOpen).sum(),
                reports.stream().mapToLong(GroupReport::slowDeliveries).sum(), maps(reports, GroupReport::refusals),
                reports.stream().mapToLong(GroupReport::leaves).sum(),
                reports.stream().mapToLong(GroupReport::joins).sum(),
                reports.stream().mapToDouble(GroupReport::cpuSeconds).sum(),
                reports.stream().mapToLong(GroupReport::gcCount).sum(),
                reports.stream().mapToLong(GroupReport::gcMillis).sum(),
                reports.stream().allMatch(GroupReport::nativeTransport));
    }

    private static String histograms(List<PhaseCounts> counts, Function<PhaseCounts, String> field) {
        Histogram sum = null;
        for (PhaseCounts c : counts) {
            String encoded = field.apply(c);
            if (encoded != null) {
                Histogram h = Latencies.decode(encoded);
                if (sum == null) {
                    sum = Latencies.histogram();
                }
                sum.add(h);
            }
        }
        return sum == null ? null : Latencies.encode(sum);
    }

    private static <K extends Comparable<K>> Map<K, Long> maps(List<GroupReport> reports,
            Function<GroupReport, Map<K, Long>> field) {
        Map<K, Long> sum = new TreeMap<>();
        reports.forEach(r -> field.apply(r).forEach((k, v) -> sum.merge(k, v, Long::sum)));
        return sum;
    }
}
