package dev.starling.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;

/**
 * Ports and probes: the WebSocket/HTTP port and the management port are separate, the probes use the management
 * port with the gateway's health paths, and each Service exposes only its own port.
 */
class GatewayProbesTest {

    static List<Path> scenarios() {
        return Chart.ciValues();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void containerDeclaresTheHttpAndManagementPortsTheApplicationListensOn(Path values) {
        Manifests manifests = Chart.chart().values(values).render();

        Map<String, Integer> ports = manifests.gatewayContainer().getPorts().stream()
                .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
        assertThat(ports).containsExactlyInAnyOrderEntriesOf(Map.of("http", 6001, "management", 9601));
        assertThat(manifests.gatewayProperties()).containsEntry("quarkus.http.port", "6001")
                .containsEntry("quarkus.management.port", "9601");
    }

    @Test
    void portValuesMoveTheApplicationAndTheContainerTogether() {
        Manifests manifests = Chart.chart().set("gateway.ports.http", 8080).set("gateway.ports.management", 9000)
                .render();

        Map<String, Integer> ports = manifests.gatewayContainer().getPorts().stream()
                .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
        assertThat(ports).containsExactlyInAnyOrderEntriesOf(Map.of("http", 8080, "management", 9000));
        assertThat(manifests.gatewayProperties()).containsEntry("quarkus.http.port", "8080")
                .containsEntry("quarkus.management.port", "9000");
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void probesUseTheManagementPortAndTheHealthPaths(Path values) {
        Container gateway = Chart.chart().values(values).render().gatewayContainer();

        assertHttpProbe(gateway.getLivenessProbe(), "/q/health/live");
        assertHttpProbe(gateway.getReadinessProbe(), "/q/health/ready");
        assertHttpProbe(gateway.getStartupProbe(), "/q/health/live");
        // Readiness must react within seconds: it is how a draining or Kafka-less pod leaves the endpoints.
        assertThat(gateway.getReadinessProbe().getPeriodSeconds() * gateway.getReadinessProbe().getFailureThreshold())
                .isLessThanOrEqualTo(15);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void publicServiceExposesOnlyTheHttpPortAndTheManagementServiceOnlyTheManagementPort(Path values) {
        Manifests manifests = Chart.chart().values(values).render();

        Service publicService = manifests.get(Service.class, "starling-gateway");
        Service management = manifests.get(Service.class, "starling-gateway-management");
        assertThat(publicService.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
        });
        assertThat(management.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("management");
            assertThat(p.getPort()).isEqualTo(9601);
            assertThat(p.getTargetPort().getStrVal()).isEqualTo("management");
        });
        assertThat(publicService.getSpec().getSelector()).isEqualTo(management.getSpec().getSelector())
                .isEqualTo(manifests.gateway().getSpec().getSelector().getMatchLabels());
    }

    private static void assertHttpProbe(Probe probe, String path) {
        assertThat(probe).as("probe for %s", path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
    }
}
