package dev.starling.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;

/**
 * The HorizontalPodAutoscaler: autoscaling/v2, a slow and small scale-down (every removed pod makes its clients
 * reconnect), and the connections-per-pod metric behind a flag.
 */
class AutoscalingTest {

    @Test
    void productionScenarioScalesDownGentlyOnConnections() {
        Manifests manifests = Chart.chart().values(Chart.ci("production-ha")).render();
        HorizontalPodAutoscaler hpa = manifests.get(HorizontalPodAutoscaler.class, "starling-gateway");

        assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("starling-gateway");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(30);

        HPAScalingRules scaleDown = hpa.getSpec().getBehavior().getScaleDown();
        assertThat(scaleDown.getStabilizationWindowSeconds()).isGreaterThanOrEqualTo(300);
        assertThat(scaleDown.getSelectPolicy()).isEqualTo("Min");
        assertThat(scaleDown.getPolicies()).isNotEmpty().allSatisfy(policy -> {
            assertThat(policy.getPeriodSeconds()).isGreaterThanOrEqualTo(60);
            if (policy.getType().equals("Pods")) {
                assertThat(policy.getValue()).isEqualTo(1);
            }
        });
        assertThat(hpa.getSpec().getBehavior().getScaleUp().getPolicies()).isNotEmpty();

        MetricSpec connections = hpa.getSpec().getMetrics().stream().filter(m -> m.getType().equals("Pods"))
                .findFirst().orElseThrow(() -> new AssertionError("no Pods metric: " + hpa.getSpec().getMetrics()));
        assertThat(connections.getPods().getMetric().getName()).isEqualTo("starling_connections");
        assertThat(connections.getPods().getTarget().getType()).isEqualTo("AverageValue");
        assertThat(connections.getPods().getTarget().getAverageValue().toString()).isEqualTo("20000");

        // Under an HPA the Deployment leaves replicas to it.
        assertThat(manifests.gateway().getSpec().getReplicas()).isNull();
    }

    @Test
    void connectionsMetricIsOffByDefault() {
        HorizontalPodAutoscaler hpa = Chart.chart().values(Chart.ci("cluster-kafka"))
                .set("gateway.autoscaling.enabled", true).render()
                .get(HorizontalPodAutoscaler.class, "starling-gateway");

        assertThat(hpa.getSpec().getMetrics()).extracting(MetricSpec::getType).containsExactly("Resource");
        assertThat(hpa.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds()).isEqualTo(600);
    }

    @Test
    void noAutoscalerWhenDisabled() {
        Manifests manifests = Chart.chart().values(Chart.ci("cluster-kafka")).render();

        assertThat(manifests.all(HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(manifests.gateway().getSpec().getReplicas()).isEqualTo(3);
    }
}
