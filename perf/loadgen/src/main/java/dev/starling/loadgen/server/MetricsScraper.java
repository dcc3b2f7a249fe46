package dev.starling.loadgen.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Scrapes a Prometheus text endpoint (the gateway's {@code /metrics} on its management port, or any server's) and
 * keeps the samples worth comparing before and after a run: JVM heap, GC pauses, process CPU and open files, and
 * every {@code starling_*} metric. Unparsable lines are skipped; a server without the endpoint just yields nothing.
 */
public final class MetricsScraper {

    private static final Predicate<String> KEPT = name -> name.startsWith("starling_")
            || name.startsWith("jvm_memory_used_bytes") || name.startsWith("jvm_gc_pause_seconds")
            || name.startsWith("process_cpu_time_ns_total") || name.startsWith("process_cpu_seconds_total")
            || name.startsWith("process_files_open_files") || name.startsWith("process_resident_memory_bytes")
            || name.startsWith("jvm_threads_live_threads");

    private final URI uri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public MetricsScraper(String url) {
        this.uri = URI.create(url);
    }

    /** Kept samples, {@code name{labels}} → value; empty if the scrape failed. */
    public Map<String, Double> scrape() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? parse(response.body()) : Map.of();
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            int brace = line.indexOf('{');
            int nameEnd = brace >= 0 && (space < 0 || brace < space) ? line.indexOf('}', brace) + 1 : space;
            if (nameEnd <= 0) {
                continue;
            }
            String name = line.substring(0, nameEnd);
            if (!KEPT.test(name)) {
                continue;
            }
            try {
                samples.put(name, Double.parseDouble(line.substring(nameEnd).trim().split("\\s+")[0]));
            } catch (NumberFormatException ignored) {
                // a malformed sample: skipped
            }
        }
        return samples;
    }

    /** Sum of {@code jvm_memory_used_bytes{area="heap",…}}, or -1 if the server does not export it. */
    public static long heapUsed(Map<String, Double> samples) {
        double sum = samples.entrySet().stream()
                .filter(e -> e.getKey().startsWith("jvm_memory_used_bytes") && e.getKey().contains("area=\"heap\""))
                .mapToDouble(Map.Entry::getValue).sum();
        return samples.keySet().stream().anyMatch(k -> k.startsWith("jvm_memory_used_bytes")) ? (long) sum : -1;
    }
}
