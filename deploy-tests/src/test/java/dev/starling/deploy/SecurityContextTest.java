package dev.starling.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

/**
 * Hardened pods: non-root, no privilege escalation, no capabilities, RuntimeDefault seccomp, read-only root
 * filesystem with a writable /tmp, no service account token.
 */
class SecurityContextTest {

    static List<Path> scenarios() {
        return Chart.ciValues();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void gatewayRunsHardened(Path values) {
        Manifests manifests = Chart.chart().values(values).render();
        PodSpec pod = manifests.gatewayPod();
        PodSecurityContext podContext = pod.getSecurityContext();
        SecurityContext container = manifests.gatewayContainer().getSecurityContext();

        assertThat(podContext.getRunAsNonRoot()).isTrue();
        assertThat(podContext.getRunAsUser()).isPositive();
        assertThat(podContext.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getRunAsNonRoot()).isTrue();
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getPrivileged()).isFalse();
        assertThat(container.getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();

        VolumeMount tmp = manifests.gatewayContainer().getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                .orElseThrow(() -> new AssertionError("no writable /tmp"));
        Volume tmpVolume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst()
                .orElseThrow();
        assertThat(tmpVolume.getEmptyDir()).isNotNull();
        assertThat(manifests.gatewayContainer().getVolumeMounts()).filteredOn(m -> !m.getMountPath().equals("/tmp"))
                .allSatisfy(m -> assertThat(m.getReadOnly()).as(m.getMountPath()).isTrue());
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void jvmGetsContainerAwareMemoryAndALowPauseCollector(Path values) {
        String options = Chart.chart().values(values).render().gatewayEnv("JDK_JAVA_OPTIONS").orElseThrow().getValue();

        // Heap sized from the container limit, the concurrent collector with the compact heuristic (the measured
        // default), never a fixed heap, a second collector or the throughput collector.
        assertThat(options).contains("-XX:MaxRAMPercentage=").contains("-XX:+UseShenandoahGC")
                .contains("-XX:ShenandoahGCHeuristics=compact")
                .doesNotContain("-Xmx", "-XX:+UseG1GC", "-XX:+UseParallelGC", "-XX:+UseSerialGC");
        // Direct memory (Netty's socket buffers and queued frames) may grow to the heap size: both must fit the
        // memory limit with room for metaspace and stacks.
        Matcher heap = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)").matcher(options);
        assertThat(heap.find()).isTrue();
        if (!options.contains("-XX:MaxDirectMemorySize=")) {
            assertThat(Double.parseDouble(heap.group(1))).as("heap percentage when direct memory is not capped")
                    .isLessThanOrEqualTo(45);
        }
    }
}
