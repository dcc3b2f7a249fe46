package dev.starling.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.marcnuri.helm.LintResult;

/** {@code helm lint --strict} passes for the chart's defaults and for every CI scenario. */
class ChartLintTest {

    static List<Path> scenarios() {
        return Chart.ciValues();
    }

    @Test
    void defaultValuesLintStrictly() {
        assertClean(Chart.chart().lintStrict());
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void scenarioLintsStrictly(Path values) {
        assertClean(Chart.chart().values(values).lintStrict());
    }

    @Test
    void extraPropertiesWithDottedKeysLintStrictly() {
        assertClean(Chart.chart().values(Chart.ci("cluster-kafka"))
                .set("gateway.config.extraProperties.quarkus\\.log\\.level", "DEBUG").lintStrict());
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void scenarioRenders(Path values) {
        Manifests manifests = Chart.chart().values(values).render();
        assertThat(manifests.gateway()).isNotNull();
        assertThat(manifests.gatewayProperties()).containsKey("starling.gateway.cluster.mode");
    }

    private static void assertClean(LintResult result) {
        assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).as("lint messages").noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }
}
