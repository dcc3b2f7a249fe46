package dev.starling.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The plain manifests under deploy/k8s render with {@code kubectl kustomize} and stay consistent with the chart:
 * each overlay is compared with the chart scenario it corresponds to (same names, ports, probes, environment,
 * volumes, security, drain timing and the very same gateway properties). Skipped when kubectl is not installed.
 */
class KustomizeTest {

    private static final Path OVERLAYS = Chart.REPO.resolve("deploy/k8s/overlays");
    /** Overlay → the CI scenario of the chart it must match. */
    private static final Map<String, String> CHART_SCENARIO = Map.of(
            "single-node", "single-node",
            "cluster", "cluster-kafka");

    static List<Path> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(OVERLAYS)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void overlayRendersLikeTheChart(Path overlay) throws Exception {
        String name = overlay.getFileName().toString();
        assertThat(CHART_SCENARIO).as("every overlay names the chart scenario it mirrors").containsKey(name);
        Manifests kustomize = Manifests.parse(kustomize(overlay));
        Manifests chart = Chart.chart().values(Chart.ci(CHART_SCENARIO.get(name))).render();

        assertThat(kustomize.gateway().getMetadata().getNamespace()).isEqualTo("starling");
        assertThat(kustomize.gateway().getSpec().getSelector()).isEqualTo(chart.gateway().getSpec().getSelector());
        assertThat(kustomize.gateway().getSpec().getStrategy()).isEqualTo(chart.gateway().getSpec().getStrategy());

        Container k = kustomize.gatewayContainer();
        Container c = chart.gatewayContainer();
        assertThat(k.getPorts()).isEqualTo(c.getPorts());
        assertThat(k.getStartupProbe()).isEqualTo(c.getStartupProbe());
        assertThat(k.getLivenessProbe()).isEqualTo(c.getLivenessProbe());
        assertThat(k.getReadinessProbe()).isEqualTo(c.getReadinessProbe());
        assertThat(k.getEnv()).containsExactlyInAnyOrderElementsOf(c.getEnv());
        assertThat(k.getVolumeMounts()).containsExactlyInAnyOrderElementsOf(c.getVolumeMounts());
        assertThat(k.getSecurityContext()).isEqualTo(c.getSecurityContext());
        assertThat(k.getLifecycle()).isEqualTo(c.getLifecycle());
        assertThat(k.getResources()).isEqualTo(c.getResources());
        assertThat(k.getImage()).isEqualTo(c.getImage());

        PodSpec kPod = kustomize.gatewayPod();
        PodSpec cPod = chart.gatewayPod();
        assertThat(kPod.getSecurityContext()).isEqualTo(cPod.getSecurityContext());
        assertThat(kPod.getTerminationGracePeriodSeconds()).isEqualTo(cPod.getTerminationGracePeriodSeconds());
        assertThat(kPod.getTopologySpreadConstraints()).isEqualTo(cPod.getTopologySpreadConstraints());
        assertThat(kPod.getServiceAccountName()).isEqualTo(cPod.getServiceAccountName());
        assertThat(kPod.getAutomountServiceAccountToken()).isEqualTo(cPod.getAutomountServiceAccountToken());
        assertThat(volume(kPod, "apps")).isEqualTo(volume(cPod, "apps"));
        assertThat(volume(kPod, "tmp")).isEqualTo(volume(cPod, "tmp"));
        // kustomize suffixes the ConfigMap name with a content hash (its way of rolling pods on config changes).
        assertThat(volume(kPod, "config").getConfigMap().getName())
                .startsWith(volume(cPod, "config").getConfigMap().getName() + "-");

        assertThat(kustomize.gatewayProperties()).isEqualTo(chart.gatewayProperties());

        for (String service : List.of("starling-gateway", "starling-gateway-management")) {
            assertThat(kustomize.get(Service.class, service).getSpec().getPorts())
                    .isEqualTo(chart.get(Service.class, service).getSpec().getPorts());
            assertThat(kustomize.get(Service.class, service).getSpec().getSelector())
                    .isEqualTo(chart.get(Service.class, service).getSpec().getSelector());
        }
        assertThat(kustomize.get(PodDisruptionBudget.class, "starling-gateway").getSpec())
                .isEqualTo(chart.get(PodDisruptionBudget.class, "starling-gateway").getSpec());
        assertThat(kustomize.get(Secret.class, "starling-apps").getData()).containsKey("apps.json");
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static String kustomize(Path dir) throws Exception {
        Optional<Path> kubectl = onPath("kubectl");
        assumeTrue(kubectl.isPresent(), "kubectl is not installed here: the kustomize overlays were not rendered "
                + "(install kubectl to run this check)");
        Process process = new ProcessBuilder(kubectl.get().toString(), "kustomize", dir.toString()).start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kubectl kustomize " + dir + " did not finish in 60 s");
        }
        String error = new String(stderr.get(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("kubectl kustomize %s: %s", dir, error).isZero();
        return new String(stdout.get(), StandardCharsets.UTF_8);
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static Optional<Path> onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable).findFirst();
    }
}
