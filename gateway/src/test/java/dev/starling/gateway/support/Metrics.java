package dev.starling.gateway.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;

/** Reads the Prometheus metrics of the gateway under test from its management port. */
public final class Metrics {

    private Metrics() {
    }

    /** The management port (health, metrics); the injected management URLs would prefix /q to /metrics. */
    public static URI management(String path) {
        return URI.create("http://localhost:" + ConfigProvider.getConfig().getValue("quarkus.management.test-port",
                Integer.class) + path);
    }

    public static String scrape() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(management("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The value of one series, 0 when absent. */
    public static double value(String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(scrape());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    /** The sum of every series whose name and labels start with {@code prefix}. */
    public static double sum(String prefix) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(prefix) + "[^ ]* ([0-9.eE+-]+)$").matcher(scrape());
        double total = 0;
        while (matcher.find()) {
            total += Double.parseDouble(matcher.group(1));
        }
        return total;
    }
}
