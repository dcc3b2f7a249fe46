package dev.starling.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.marcnuri.helm.LintResult;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The chart's history-service section (templates/history, {@code history.*} values): off by default; when enabled a
 * Deployment with the API and management ports, probes on the management port, the PostgreSQL DSN and credentials
 * from the operator's Secret as environment variables only, a PDB, Services and an optional ServiceMonitor; refused
 * without Kafka or without a database Secret. The kustomize manifests under deploy/k8s/history render the same pod.
 */
class HistoryChartTest {

    private static final String NAME = "starling-history";
    /** history enabled next to a Kafka cluster with SASL, as deploy/k8s/history assumes. */
    private static final String ENABLED = """
            cluster:
              mode: kafka
              kafka:
                bootstrapServers: kafka-0.kafka.kafka.svc:9093,kafka-1.kafka.kafka.svc:9093,kafka-2.kafka.kafka.svc:9093
                sasl:
                  mechanism: SCRAM-SHA-512
                  existingSecret: starling-kafka-credentials
            apps:
              existingSecret: starling-apps
            gateway:
              replicaCount: 3
            tests:
              appKey: k
            history:
              enabled: true
              database:
                existingSecret: starling-history-db
              apiToken:
                existingSecret: starling-history-token
            """;

    private static Manifests enabled() {
        return Chart.chart().values(ENABLED).render();
    }

    private static Deployment deployment(Manifests manifests) {
        return manifests.get(Deployment.class, NAME);
    }

    private static Container container(Manifests manifests) {
        return deployment(manifests).getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("history")).findFirst().orElseThrow();
    }

    private static Optional<EnvVar> env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    private static Properties properties(Manifests manifests) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(manifests.get(ConfigMap.class, NAME + "-config").getData()
                .get("history.properties")));
        return properties;
    }

    @Test
    void offByDefault() {
        Manifests manifests = Chart.chart().values(Chart.ci("cluster-kafka")).render();
        assertThat(manifests.objects()).noneMatch(o -> o.getMetadata().getName().startsWith(NAME));
    }

    @Test
    void enabledRendersTheServiceWithItsPortsProbesAndBudget() {
        Manifests manifests = enabled();
        Deployment deployment = deployment(manifests);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/component", "history");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations()).containsKey("checksum/config");
        Container container = container(manifests);
        assertThat(container.getImage()).startsWith("starling/history-service:");
        assertThat(container.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
                .containsExactly("http:7080", "management:9780");
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        for (var probe : List.of(container.getStartupProbe(), container.getLivenessProbe(),
                container.getReadinessProbe())) {
            assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
        }
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();

        Service api = manifests.get(Service.class, NAME);
        assertThat(api.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(7080);
            assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
        });
        assertThat(api.getSpec().getSelector()).containsEntry("app.kubernetes.io/component", "history");
        Service management = manifests.get(Service.class, NAME + "-management");
        assertThat(management.getSpec().getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getPort()).isEqualTo(9780));
        PodDisruptionBudget pdb = manifests.get(PodDisruptionBudget.class, NAME);
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(deployment.getSpec().getSelector()
                .getMatchLabels());
        assertThat(manifests.findKind("ServiceMonitor", NAME)).isEmpty();
        assertThat(Chart.chart().values(ENABLED).set("history.serviceMonitor.enabled", true).render()
                .findKind("ServiceMonitor", NAME)).isPresent();
    }

    @Test
    void databaseAndTokenComeFromSecretsAsEnvironmentOnly() throws IOException {
        Manifests manifests = enabled();
        Container container = container(manifests);
        EnvVar dsn = env(container, "STARLING_HISTORY_DSN").orElseThrow();
        assertThat(dsn.getValueFrom().getSecretKeyRef().getName()).isEqualTo("starling-history-db");
        assertThat(dsn.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("dsn");
        assertThat(env(container, "QUARKUS_DATASOURCE_REACTIVE_URL").orElseThrow().getValue())
                .isEqualTo("$(STARLING_HISTORY_DSN)");
        assertThat(env(container, "QUARKUS_DATASOURCE_JDBC_URL").orElseThrow().getValue())
                .isEqualTo("jdbc:$(STARLING_HISTORY_DSN)");
        // Kubernetes expands $(VAR) only from variables defined earlier in the list.
        List<String> names = container.getEnv().stream().map(EnvVar::getName).toList();
        assertThat(names.indexOf("STARLING_HISTORY_DSN")).isLessThan(names.indexOf("QUARKUS_DATASOURCE_JDBC_URL"));
        assertThat(env(container, "QUARKUS_DATASOURCE_USERNAME").orElseThrow().getValueFrom().getSecretKeyRef()
                .getKey()).isEqualTo("username");
        assertThat(env(container, "QUARKUS_DATASOURCE_PASSWORD").orElseThrow().getValueFrom().getSecretKeyRef()
                .getKey()).isEqualTo("password");
        assertThat(env(container, "STARLING_HISTORY_API_TOKEN").orElseThrow().getValueFrom().getSecretKeyRef()
                .getName()).isEqualTo("starling-history-token");
        assertThat(env(container, "KAFKA_SASL_PASSWORD").orElseThrow().getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("starling-kafka-credentials");

        Properties properties = properties(manifests);
        assertThat(properties.stringPropertyNames()).noneMatch(k -> k.contains("password") || k.contains("datasource.username")
                || k.contains("api-token"));
        assertThat(properties.getProperty("kafka.sasl.jaas.config")).contains("${KAFKA_SASL_PASSWORD}");
        assertThat(env(container, "QUARKUS_CONFIG_LOCATIONS").orElseThrow().getValue())
                .isEqualTo("/etc/starling/config/history.properties");
        assertThat(Chart.chart().values(ENABLED).set("history.apiToken.existingSecret", "").render()
                .get(Deployment.class, NAME).getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv())
                .noneMatch(e -> e.getName().equals("STARLING_HISTORY_API_TOKEN"));
    }

    @Test
    void propertiesCarryKafkaPortsAndRetention() throws IOException {
        Manifests manifests = Chart.chart().values(ENABLED).values("""
                history:
                  config:
                    retention:
                      maxAge: 48h
                      maxMessages: 500
                    apps:
                      app-1:
                        maxAge: 168h
                        maxMessages: 50000
                      app-2:
                        maxMessages: 0
                """).render();
        Properties properties = properties(manifests);
        assertThat(properties.getProperty("starling.history.kafka.bootstrap-servers"))
                .isEqualTo("kafka-0.kafka.kafka.svc:9093,kafka-1.kafka.kafka.svc:9093,kafka-2.kafka.kafka.svc:9093");
        assertThat(properties.getProperty("starling.history.kafka.topic-prefix")).isEqualTo("starling.");
        assertThat(properties.getProperty("quarkus.http.port")).isEqualTo("7080");
        assertThat(properties.getProperty("quarkus.management.port")).isEqualTo("9780");
        assertThat(properties.getProperty("starling.history.retention.max-age")).isEqualTo("48h");
        assertThat(properties.getProperty("starling.history.retention.max-messages")).isEqualTo("500");
        assertThat(properties.getProperty("starling.history.apps.\"app-1\".max-age")).isEqualTo("168h");
        assertThat(properties.getProperty("starling.history.apps.\"app-1\".max-messages")).isEqualTo("50000");
        assertThat(properties.getProperty("starling.history.apps.\"app-2\".max-messages")).isEqualTo("0");
        assertThat(properties.getProperty("starling.history.apps.\"app-2\".max-age")).isNull();
        assertThat(properties.getProperty("kafka.security.protocol")).isEqualTo("SASL_SSL");
    }

    @Test
    void refusedWithoutKafkaOrDatabaseSecret() {
        assertThat(Chart.chart().values(Chart.ci("single-node")).set("history.enabled", true)
                .set("history.database.existingSecret", "db").renderError()).contains("kafka");
        assertThat(Chart.chart().values(ENABLED).set("history.database.existingSecret", "").renderError())
                .contains("existingSecret");
        assertThat(Chart.chart().values(ENABLED).set("history.replicas", 3).renderError()).contains("replicas");
    }

    @Test
    void lintsStrictly() {
        LintResult result = Chart.chart().values(ENABLED).set("history.serviceMonitor.enabled", true).lintStrict();
        assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void kustomizeManifestsRenderTheSamePodAsTheChart() throws Exception {
        Manifests kustomize = Manifests.parse(kustomize(Chart.REPO.resolve("deploy/k8s/history")));
        Manifests chart = enabled();
        Container k = container(kustomize);
        Container c = container(chart);
        assertThat(deployment(kustomize).getMetadata().getNamespace()).isEqualTo("starling");
        assertThat(deployment(kustomize).getSpec().getSelector()).isEqualTo(deployment(chart).getSpec().getSelector());
        assertThat(k.getImage()).isEqualTo(c.getImage());
        assertThat(k.getPorts()).isEqualTo(c.getPorts());
        assertThat(k.getStartupProbe()).isEqualTo(c.getStartupProbe());
        assertThat(k.getLivenessProbe()).isEqualTo(c.getLivenessProbe());
        assertThat(k.getReadinessProbe()).isEqualTo(c.getReadinessProbe());
        assertThat(k.getEnv()).containsExactlyElementsOf(c.getEnv());
        assertThat(k.getVolumeMounts()).containsExactlyInAnyOrderElementsOf(c.getVolumeMounts());
        assertThat(k.getSecurityContext()).isEqualTo(c.getSecurityContext());
        assertThat(k.getResources()).isEqualTo(c.getResources());
        PodSpec kPod = deployment(kustomize).getSpec().getTemplate().getSpec();
        PodSpec cPod = deployment(chart).getSpec().getTemplate().getSpec();
        assertThat(kPod.getSecurityContext()).isEqualTo(cPod.getSecurityContext());
        assertThat(kPod.getTerminationGracePeriodSeconds()).isEqualTo(cPod.getTerminationGracePeriodSeconds());
        assertThat(kPod.getAutomountServiceAccountToken()).isEqualTo(cPod.getAutomountServiceAccountToken());
        assertThat(properties(kustomize.objects().stream().filter(o -> o instanceof ConfigMap)
                .map(ConfigMap.class::cast).findFirst().orElseThrow()))
                .isEqualTo(properties(chart.get(ConfigMap.class, NAME + "-config")));
        for (String kind : List.of("Service", "PodDisruptionBudget")) {
            assertThat(kustomize.objects().stream().filter(o -> o.getKind().equals(kind)).map(HasMetadata::getMetadata)
                    .map(m -> m.getName()).sorted().toList()).as(kind)
                    .isEqualTo(chart.objects().stream().filter(o -> o.getKind().equals(kind))
                            .map(o -> o.getMetadata().getName()).filter(n -> n.startsWith(NAME)).sorted().toList());
        }
    }

    private static Properties properties(ConfigMap configMap) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(configMap.getData().get("history.properties")));
        return properties;
    }

    private static String kustomize(Path dir) throws Exception {
        Optional<Path> kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isBlank()).map(d -> Path.of(d, "kubectl")).filter(Files::isExecutable).findFirst();
        assumeTrue(kubectl.isPresent(), "kubectl is not installed here: deploy/k8s/history was not rendered");
        Path out = Files.createTempFile("kustomize-history", ".yaml");
        Process process = new ProcessBuilder(kubectl.get().toString(), "kustomize", dir.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kubectl kustomize " + dir + " did not finish in 60 s");
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        assertThat(process.exitValue()).as("kubectl kustomize %s: %s", dir, output).isZero();
        return output;
    }

    @Test
    void theGatewaysAreToldWhereHistoryServiceIsAndGetItsTokenFromTheSecret() throws IOException {
        Manifests manifests = enabled();
        Properties gateway = new Properties();
        gateway.load(new StringReader(manifests.get(ConfigMap.class, "starling-gateway-config").getData()
                .get("starling.properties")));
        assertThat(gateway.getProperty("starling.gateway.history.service-url")).isEqualTo("http://" + NAME + ":7080");
        Container container = manifests.get(Deployment.class, "starling-gateway").getSpec().getTemplate().getSpec()
                .getContainers().stream().filter(c -> c.getName().equals("gateway")).findFirst().orElseThrow();
        EnvVar token = env(container, "STARLING_GATEWAY_HISTORY_SERVICE_TOKEN").orElseThrow();
        assertThat(token.getValueFrom().getSecretKeyRef().getName()).isEqualTo("starling-history-token");

        Properties off = new Properties();
        off.load(new StringReader(Chart.chart().values(Chart.ci("cluster-kafka")).render()
                .get(ConfigMap.class, "starling-gateway-config").getData().get("starling.properties")));
        assertThat(off.getProperty("starling.gateway.history.service-url")).isNull();
    }
}
