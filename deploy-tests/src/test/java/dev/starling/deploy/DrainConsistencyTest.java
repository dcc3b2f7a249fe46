package dev.starling.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LifecycleHandler;

/**
 * Graceful drain: the gateway's drain settings come from the same values as the preStop sleep and the termination
 * grace period, and the chart refuses a grace period that would SIGKILL pods mid-drain.
 */
class DrainConsistencyTest {

    static List<Path> scenarios() {
        return Chart.ciValues();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void gracePeriodCoversPreStopAndTheWholeDrain(Path values) {
        Manifests manifests = Chart.chart().values(values).render();
        Properties properties = manifests.gatewayProperties();

        long preStop = preStopSeconds(manifests.gatewayContainer());
        long drainTimeout = seconds(properties.getProperty("starling.gateway.drain.timeout"));
        long drainGrace = seconds(properties.getProperty("starling.gateway.drain.grace"));
        long gracePeriod = manifests.gatewayPod().getTerminationGracePeriodSeconds();

        assertThat(preStop).isPositive();
        assertThat(drainGrace).isLessThan(drainTimeout);
        assertThat(gracePeriod).isGreaterThanOrEqualTo(preStop + drainTimeout + 5);
        assertThat(Integer.parseInt(properties.getProperty("starling.gateway.drain.close-rate"))).isPositive();
    }

    @Test
    void drainValuesAreRenderedIntoTheGatewayConfiguration() {
        Manifests manifests = Chart.chart()
                .set("gateway.drain.preStopSleepSeconds", 7)
                .set("gateway.drain.graceSeconds", 4)
                .set("gateway.drain.closeRate", 250)
                .set("gateway.drain.timeoutSeconds", 45)
                .render();
        Properties properties = manifests.gatewayProperties();

        assertThat(properties.getProperty("starling.gateway.drain.timeout")).isEqualTo("45s");
        assertThat(properties.getProperty("starling.gateway.drain.grace")).isEqualTo("4s");
        assertThat(properties.getProperty("starling.gateway.drain.close-rate")).isEqualTo("250");
        assertThat(preStopSeconds(manifests.gatewayContainer())).isEqualTo(7);
        // 0 (the default) computes the grace period: preStop + drain timeout + 5 s margin.
        assertThat(manifests.gatewayPod().getTerminationGracePeriodSeconds()).isEqualTo(7 + 45 + 5);
    }

    @Test
    void anExplicitGracePeriodThatIsLongEnoughIsKept() {
        Manifests manifests = Chart.chart().set("gateway.terminationGracePeriodSeconds", 300).render();

        assertThat(manifests.gatewayPod().getTerminationGracePeriodSeconds()).isEqualTo(300);
    }

    @Test
    void aGracePeriodShorterThanTheDrainFailsRendering() {
        String error = Chart.chart()
                .set("gateway.drain.timeoutSeconds", 60)
                .set("gateway.terminationGracePeriodSeconds", 30)
                .renderError();

        assertThat(error).contains("gateway.terminationGracePeriodSeconds (30)").contains("(70)");
    }

    @Test
    void aDrainGraceThatUsesTheWholeBudgetFailsRendering() {
        String error = Chart.chart()
                .set("gateway.drain.graceSeconds", 30)
                .set("gateway.drain.timeoutSeconds", 30)
                .renderError();

        assertThat(error).contains("gateway.drain.graceSeconds");
    }

    @Test
    void preStopUsesTheSleepActionFromKubernetes130AndTheSleepCommandBefore() {
        LifecycleHandler modern = Chart.chart().kubeVersion("1.30.0").render().gatewayContainer()
                .getLifecycle().getPreStop();
        LifecycleHandler older = Chart.chart().kubeVersion("1.29.4").render().gatewayContainer()
                .getLifecycle().getPreStop();

        assertThat(modern.getSleep().getSeconds()).isEqualTo(5);
        assertThat(modern.getExec()).isNull();
        assertThat(older.getSleep()).isNull();
        assertThat(older.getExec().getCommand()).containsExactly("sleep", "5");
    }

    static long preStopSeconds(Container container) {
        LifecycleHandler preStop = container.getLifecycle().getPreStop();
        if (preStop.getSleep() != null) {
            return preStop.getSleep().getSeconds();
        }
        List<String> command = preStop.getExec().getCommand();
        assertThat(command).hasSize(2).first().isEqualTo("sleep");
        return Long.parseLong(command.get(1));
    }

    /** Whole seconds of a duration the chart writes as {@code <n>s}. */
    static long seconds(String duration) {
        assertThat(duration).matches("[0-9]+s");
        return Long.parseLong(duration.substring(0, duration.length() - 1));
    }
}
