package dev.starling.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Availability: a PodDisruptionBudget in every scenario, pods spread across zones and nodes, and rolling updates that
 * add a pod before draining one.
 */
class DisruptionAndSpreadTest {

    static List<Path> scenarios() {
        return Chart.ciValues();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyScenarioHasABudgetSelectingTheGatewayPods(Path values) {
        Manifests manifests = Chart.chart().values(values).render();
        PodDisruptionBudget pdb = manifests.get(PodDisruptionBudget.class, "starling-gateway");

        assertThat(pdb.getSpec().getSelector().getMatchLabels())
                .isEqualTo(manifests.gateway().getSpec().getSelector().getMatchLabels());
        assertThat(pdb.getSpec().getMinAvailable() != null || pdb.getSpec().getMaxUnavailable() != null).isTrue();
    }

    @Test
    void singleNodeBudgetStillAllowsEvictingItsOnlyPod() {
        PodDisruptionBudget pdb = Chart.chart().values(Chart.ci("single-node")).render()
                .get(PodDisruptionBudget.class, "starling-gateway");

        // minAvailable: 1 on one replica would block every node drain.
        assertThat(pdb.getSpec().getMinAvailable()).isNull();
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    }

    @Test
    void productionBudgetKeepsTwoPods() {
        PodDisruptionBudget pdb = Chart.chart().values(Chart.ci("production-ha")).render()
                .get(PodDisruptionBudget.class, "starling-gateway");

        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(2);
        assertThat(pdb.getSpec().getMaxUnavailable()).isNull();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void podsSpreadOverTopologyDomains(Path values) {
        Manifests manifests = Chart.chart().values(values).render();
        List<TopologySpreadConstraint> constraints = manifests.gatewayPod().getTopologySpreadConstraints();

        assertThat(constraints).isNotEmpty().allSatisfy(c -> {
            assertThat(c.getMaxSkew()).isEqualTo(1);
            assertThat(c.getLabelSelector().getMatchLabels())
                    .isEqualTo(manifests.gateway().getSpec().getSelector().getMatchLabels());
        });
        assertThat(constraints).extracting(TopologySpreadConstraint::getTopologyKey)
                .contains("topology.kubernetes.io/zone");
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void rollingUpdatesNeverRemoveAPodBeforeItsReplacementIsReady(Path values) {
        DeploymentStrategy strategy = Chart.chart().values(values).render().gateway().getSpec().getStrategy();

        assertThat(strategy.getType()).isEqualTo("RollingUpdate");
        assertThat(strategy.getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
    }
}
