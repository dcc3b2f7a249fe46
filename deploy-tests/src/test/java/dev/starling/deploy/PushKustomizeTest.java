package dev.starling.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The plain push-service manifests under deploy/k8s/base/push render with {@code kubectl kustomize} and match what
 * the chart renders with push enabled and the same Secrets: ports, probes, environment, mounts, security, resources,
 * Services, PDB and the very same properties. Skipped when kubectl is not installed.
 */
class PushKustomizeTest {

    private static final String CHART_VALUES = """
            push:
              enabled: true
              database:
                existingSecret: starling-push-db
              admin:
                existingSecret: starling-push-admin
              instances:
                - id: my-app
                  secretKey: {existingSecret: starling-push-instances, key: my-app-secret}
            """;

    @Test
    void thePlainManifestsMatchTheChart() throws Exception {
        Manifests kustomize = Manifests.parse(kustomize(Chart.REPO.resolve("deploy/k8s/base/push")));
        Manifests chart = Chart.chart().values(CHART_VALUES).render();

        Deployment k = kustomize.get(Deployment.class, "starling-push");
        Deployment c = chart.get(Deployment.class, "starling-push");
        assertThat(k.getMetadata().getNamespace()).isEqualTo("starling");
        assertThat(k.getSpec().getSelector()).isEqualTo(c.getSpec().getSelector());
        assertThat(k.getSpec().getReplicas()).isEqualTo(c.getSpec().getReplicas());
        assertThat(k.getSpec().getStrategy()).isEqualTo(c.getSpec().getStrategy());
        PodSpec kPod = k.getSpec().getTemplate().getSpec();
        PodSpec cPod = c.getSpec().getTemplate().getSpec();
        assertThat(kPod.getSecurityContext()).isEqualTo(cPod.getSecurityContext());
        assertThat(kPod.getServiceAccountName()).isEqualTo(cPod.getServiceAccountName());
        assertThat(kPod.getTerminationGracePeriodSeconds()).isEqualTo(cPod.getTerminationGracePeriodSeconds());
        Container kc = kPod.getContainers().get(0);
        Container cc = cPod.getContainers().get(0);
        assertThat(kc.getPorts()).isEqualTo(cc.getPorts());
        assertThat(kc.getStartupProbe()).isEqualTo(cc.getStartupProbe());
        assertThat(kc.getLivenessProbe()).isEqualTo(cc.getLivenessProbe());
        assertThat(kc.getReadinessProbe()).isEqualTo(cc.getReadinessProbe());
        assertThat(kc.getEnv()).containsExactlyInAnyOrderElementsOf(cc.getEnv());
        assertThat(kc.getVolumeMounts()).containsExactlyInAnyOrderElementsOf(cc.getVolumeMounts());
        assertThat(kc.getSecurityContext()).isEqualTo(cc.getSecurityContext());
        assertThat(kc.getResources()).isEqualTo(cc.getResources());
        assertThat(kc.getImage()).isEqualTo(cc.getImage());
        assertThat(kPod.getVolumes().stream().filter(v -> v.getName().equals("config")).findFirst().orElseThrow()
                .getConfigMap().getName()).startsWith("starling-push-config-");

        assertThat(properties(kustomize, kPod)).isEqualTo(properties(chart, cPod));
        for (String service : new String[] {"starling-push", "starling-push-management"}) {
            assertThat(kustomize.get(Service.class, service).getSpec().getPorts())
                    .isEqualTo(chart.get(Service.class, service).getSpec().getPorts());
            assertThat(kustomize.get(Service.class, service).getSpec().getSelector())
                    .isEqualTo(chart.get(Service.class, service).getSpec().getSelector());
        }
        assertThat(kustomize.get(PodDisruptionBudget.class, "starling-push").getSpec())
                .isEqualTo(chart.get(PodDisruptionBudget.class, "starling-push").getSpec());
    }

    private static Properties properties(Manifests manifests, PodSpec pod) {
        String name = pod.getVolumes().stream().filter(v -> v.getName().equals("config")).findFirst().orElseThrow()
                .getConfigMap().getName();
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(manifests.get(ConfigMap.class, name).getData().get("push.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static String kustomize(Path dir) throws Exception {
        Optional<Path> kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isBlank()).map(d -> Path.of(d, "kubectl")).filter(Files::isExecutable).findFirst();
        assumeTrue(kubectl.isPresent(), "kubectl is not installed here: the push manifests were not rendered");
        Process process = new ProcessBuilder(kubectl.get().toString(), "kustomize", dir.toString()).start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize finished").isTrue();
        assertThat(process.exitValue()).as(new String(stderr.get(), StandardCharsets.UTF_8)).isZero();
        return new String(stdout.get(), StandardCharsets.UTF_8);
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
