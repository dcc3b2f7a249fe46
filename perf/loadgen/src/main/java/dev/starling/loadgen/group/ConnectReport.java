package dev.starling.loadgen.group;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Outcome of opening {@code requested} connections, each up to {@code subscription_succeeded}: how many made it,
 * why the others failed (reason → count) and how long it took from the first start to the last outcome.
 */
public record ConnectReport(int requested, int subscribed, int failed, Map<String, Long> failures, long millis) {

    /** Several groups that connected in parallel; {@code wallMillis} is the time the whole batch took. */
    public static ConnectReport merge(List<ConnectReport> reports, long wallMillis) {
        Map<String, Long> failures = new TreeMap<>();
        reports.forEach(r -> r.failures().forEach((k, v) -> failures.merge(k, v, Long::sum)));
        return new ConnectReport(reports.stream().mapToInt(ConnectReport::requested).sum(),
                reports.stream().mapToInt(ConnectReport::subscribed).sum(),
                reports.stream().mapToInt(ConnectReport::failed).sum(), failures, wallMillis);
    }

    /** Connections that reached {@code subscription_succeeded} per second. */
    public double perSecond() {
        return millis <= 0 ? 0 : subscribed * 1000.0 / millis;
    }
}
