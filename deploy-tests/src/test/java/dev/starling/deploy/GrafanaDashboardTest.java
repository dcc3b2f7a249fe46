package dev.starling.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * deploy/grafana/starling-dashboard.json: valid Grafana JSON whose queries use only the metrics the gateway exports,
 * and cover every one an operator needs.
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Chart.REPO.resolve("deploy/grafana/starling-dashboard.json");

    /**
     * The Prometheus series the gateway exports (gateway GatewayMetrics and the Kafka bus): Micrometer names with
     * dots as underscores, counters with _total, timers as _seconds histograms, byte counters as _bytes_total.
     */
    private static final Set<String> EXPORTED = Set.of(
            "starling_connections", "starling_app_connections", "starling_subscriptions", "starling_channels",
            "starling_cluster_nodes", "starling_connections_opened_total", "starling_connections_closed_total",
            "starling_connections_refused_total", "starling_messages_received_total", "starling_messages_sent_total",
            "starling_received_bytes_total", "starling_sent_bytes_total", "starling_slow_consumer_closes_total",
            "starling_broadcasts_total", "starling_deliveries_total", "starling_delivery_latency_seconds_bucket",
            "starling_client_events_total", "starling_api_requests_total", "starling_webhooks_total",
            "starling_webhooks_pending", "starling_kafka_publish_seconds_bucket", "starling_kafka_consumer_lag");

    /** What the dashboard must show. */
    private static final Set<String> REQUIRED = Set.of(
            "starling_connections", "starling_app_connections", "starling_connections_closed_total",
            "starling_subscriptions", "starling_channels", "starling_messages_received_total",
            "starling_messages_sent_total", "starling_received_bytes_total", "starling_sent_bytes_total",
            "starling_deliveries_total", "starling_delivery_latency_seconds_bucket",
            "starling_slow_consumer_closes_total", "starling_client_events_total", "starling_api_requests_total",
            "starling_webhooks_total", "starling_kafka_publish_seconds_bucket", "starling_kafka_consumer_lag");

    private static final Pattern METRIC = Pattern.compile("\\bstarling_[a-z_]+");

    private static JsonNode dashboard;
    private static List<JsonNode> panels;

    @BeforeAll
    static void load() throws IOException {
        dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        panels = new ArrayList<>();
        dashboard.get("panels").forEach(panels::add);
    }

    @Test
    void isAnImportableDashboard() {
        assertThat(dashboard.path("uid").asText()).isEqualTo("starling-gateway");
        assertThat(dashboard.path("title").asText()).isNotBlank();
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        Set<String> variables = new HashSet<>();
        dashboard.at("/templating/list").forEach(v -> variables.add(v.path("name").asText()));
        assertThat(variables).contains("datasource", "namespace", "pod", "app");

        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : panels) {
            assertThat(ids.add(panel.path("id").asInt())).as("duplicate panel id %s", panel.path("id")).isTrue();
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(panel.path("title").asText())
                    .isLessThanOrEqualTo(24);
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.at("/datasource/uid").asText()).isEqualTo("${datasource}");
                assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            }
        }
    }

    @Test
    void queriesUseOnlyExportedMetrics() {
        Set<String> used = usedMetrics();

        assertThat(used).isSubsetOf(EXPORTED);
        assertThat(used).containsAll(REQUIRED);
    }

    @Test
    void queriesAreWellFormed() {
        for (String expr : expressions()) {
            assertThat(balanced(expr)).as("unbalanced brackets: %s", expr).isTrue();
            if (expr.contains("histogram_quantile")) {
                assertThat(expr).as(expr).contains("_bucket").containsPattern("by \\([^)]*\\ble\\b");
            }
            if (expr.contains("_total")) {
                assertThat(expr).as("counters are read as rates: %s", expr).contains("rate(");
            }
            assertThat(expr).as("pod and namespace filters: %s", expr).contains("pod=~\"$pod\"")
                    .contains("namespace=~\"$namespace\"");
        }
    }

    @Test
    void closesArePlottedByCloseCode() {
        assertThat(expressions()).anyMatch(e -> e.contains("starling_connections_closed_total")
                && e.contains("by (code)"));
        assertThat(expressions()).anyMatch(e -> e.contains("starling_api_requests_total")
                && e.contains("by (route, status)"));
    }

    private static Set<String> usedMetrics() {
        Set<String> used = new TreeSet<>();
        for (String expr : expressions()) {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                used.add(m.group());
            }
        }
        return used;
    }

    private static List<String> expressions() {
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : panels) {
            panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
        }
        assertThat(exprs).isNotEmpty().allSatisfy(e -> assertThat(e).isNotBlank());
        return exprs;
    }

    private static boolean balanced(String expr) {
        int depth = 0;
        for (char c : expr.toCharArray()) {
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
            }
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }
}
