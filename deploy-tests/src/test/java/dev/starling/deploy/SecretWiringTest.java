package dev.starling.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

/**
 * Secrets reach the gateway the intended way: the apps file as a mounted directory (so updates arrive without a
 * restart), Kafka credentials as environment variables from the operator's Secret (never rendered into the
 * ConfigMap), further Kafka secrets as an extra properties file listed in QUARKUS_CONFIG_LOCATIONS.
 */
class SecretWiringTest {

    @Test
    void chartRenderedAppsSecretIsMountedAsTheAppsFile() {
        Manifests manifests = Chart.chart().values(Chart.ci("single-node")).render();

        Secret apps = manifests.get(Secret.class, "starling-apps");
        assertThat(apps.getStringData().get("apps.json")).contains("\"key\": \"ci-single-key\"");
        Volume volume = volume(manifests, "apps");
        assertThat(volume.getSecret().getSecretName()).isEqualTo("starling-apps");
        assertThat(volume.getSecret().getItems()).singleElement()
                .satisfies(i -> assertThat(i.getPath()).isEqualTo("apps.json"));
        VolumeMount mount = mount(manifests, "apps");
        // A subPath mount would never see Kubernetes' update of the Secret.
        assertThat(mount.getSubPath()).isNull();
        assertThat(manifests.gatewayProperties().getProperty("starling.gateway.apps.file"))
                .isEqualTo(mount.getMountPath() + "/apps.json");
        assertThat(manifests.gatewayProperties().getProperty("starling.gateway.apps.reload-interval")).isEqualTo("5s");
    }

    @Test
    void existingAppsSecretReplacesTheChartOne() {
        Manifests manifests = Chart.chart().values(Chart.ci("single-node"))
                .set("apps.existingSecret", "operator-apps").set("apps.existingSecretKey", "starling-apps.json")
                .render();

        assertThat(manifests.find(Secret.class, "starling-apps")).isEmpty();
        Volume volume = volume(manifests, "apps");
        assertThat(volume.getSecret().getSecretName()).isEqualTo("operator-apps");
        assertThat(volume.getSecret().getItems()).singleElement().satisfies(i -> {
            assertThat(i.getKey()).isEqualTo("starling-apps.json");
            assertThat(i.getPath()).isEqualTo("apps.json");
        });
    }

    @Test
    void demoAppIsSwitchedOff() {
        Properties properties = Chart.chart().render().gatewayProperties();

        assertThat(properties.getProperty("starling.gateway.default-app.id")).isEmpty();
    }

    @Test
    void kafkaSaslCredentialsComeFromTheExistingSecretAsEnvironmentVariables() {
        Manifests manifests = Chart.chart().values(Chart.ci("cluster-kafka")).render();

        EnvVar user = manifests.gatewayEnv("KAFKA_SASL_USERNAME").orElseThrow();
        EnvVar password = manifests.gatewayEnv("KAFKA_SASL_PASSWORD").orElseThrow();
        assertThat(user.getValueFrom().getSecretKeyRef().getName()).isEqualTo("starling-kafka-credentials");
        assertThat(user.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("username");
        assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("starling-kafka-credentials");
        assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");

        Properties properties = manifests.gatewayProperties();
        assertThat(properties.getProperty("starling.gateway.cluster.mode")).isEqualTo("kafka");
        assertThat(properties.getProperty("starling.gateway.cluster.kafka.bootstrap-servers"))
                .startsWith("kafka-0.kafka.kafka.svc:9093,");
        assertThat(properties.getProperty("starling.gateway.cluster.kafka.properties.\"security.protocol\""))
                .isEqualTo("SASL_SSL");
        assertThat(properties.getProperty("starling.gateway.cluster.kafka.properties.\"sasl.mechanism\""))
                .isEqualTo("SCRAM-SHA-512");
        assertThat(properties.getProperty("starling.gateway.cluster.kafka.properties.\"sasl.jaas.config\""))
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"${KAFKA_SASL_USERNAME}\" password=\"${KAFKA_SASL_PASSWORD}\";");
    }

    @Test
    void customSecretKeysCaAndExtraKafkaConfigAreWired() {
        Manifests manifests = Chart.chart().values(Chart.ci("production-ha")).render();

        assertThat(manifests.gatewayEnv("KAFKA_SASL_USERNAME").orElseThrow().getValueFrom().getSecretKeyRef().getKey())
                .isEqualTo("user");
        assertThat(manifests.gatewayEnv("KAFKA_SASL_PASSWORD").orElseThrow().getValueFrom().getSecretKeyRef().getKey())
                .isEqualTo("pass");

        assertThat(volume(manifests, "kafka-ca").getSecret().getSecretName()).isEqualTo("kafka-cluster-ca");
        Properties properties = manifests.gatewayProperties();
        assertThat(properties.getProperty("starling.gateway.cluster.kafka.properties.\"ssl.truststore.type\""))
                .isEqualTo("PEM");
        assertThat(properties.getProperty("starling.gateway.cluster.kafka.properties.\"ssl.truststore.location\""))
                .isEqualTo(mount(manifests, "kafka-ca").getMountPath() + "/ca.crt");
        assertThat(properties.getProperty("starling.gateway.cluster.kafka.properties.\"client.dns.lookup\""))
                .isEqualTo("use_all_dns_ips");

        Volume extra = volume(manifests, "kafka-config");
        assertThat(extra.getSecret().getSecretName()).isEqualTo("starling-kafka-extra");
        assertThat(extra.getSecret().getItems()).singleElement()
                .satisfies(i -> assertThat(i.getKey()).isEqualTo("kafka.properties"));
        assertThat(manifests.gatewayEnv("QUARKUS_CONFIG_LOCATIONS").orElseThrow().getValue().split(","))
                .containsExactly("/etc/starling/config/starling.properties",
                        mount(manifests, "kafka-config").getMountPath() + "/kafka.properties");
    }

    @Test
    void operatorPropertiesWinOverTheChartsKafkaDefaults() {
        Properties properties = Chart.chart().values(Chart.ci("cluster-kafka"))
                .set("cluster.kafka.properties.security\\.protocol", "SASL_PLAINTEXT").render().gatewayProperties();

        assertThat(properties.getProperty("starling.gateway.cluster.kafka.properties.\"security.protocol\""))
                .isEqualTo("SASL_PLAINTEXT");
    }

    @Test
    void singleNodeModeRendersNoKafkaSettings() {
        Manifests manifests = Chart.chart().values(Chart.ci("single-node")).render();

        assertThat(manifests.gatewayProperties().stringPropertyNames())
                .noneMatch(k -> k.startsWith("starling.gateway.cluster.kafka."));
        assertThat(manifests.gatewayContainer().getEnv()).extracting(EnvVar::getName)
                .doesNotContain("KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD");
        assertThat(manifests.gatewayEnv("QUARKUS_CONFIG_LOCATIONS").orElseThrow().getValue())
                .isEqualTo("/etc/starling/config/starling.properties");
    }

    @Test
    void configMapNeverCarriesSecrets() {
        for (var values : Chart.ciValues()) {
            List<String> lines = Chart.chart().values(values).render().gatewayProperties().values().stream()
                    .map(Object::toString).toList();
            assertThat(lines).as("%s", values).noneMatch(v -> v.contains("password=\"") && !v.contains("${"));
        }
    }

    private static Volume volume(Manifests manifests, String name) {
        return manifests.gatewayPod().getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static VolumeMount mount(Manifests manifests, String name) {
        return manifests.gatewayContainer().getVolumeMounts().stream().filter(m -> m.getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no mount " + name));
    }
}
