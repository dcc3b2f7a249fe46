package dev.starling.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import com.marcnuri.helm.LintResult;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The chart's push-service section: off by default; when enabled a Deployment with the API port and a separate
 * management port for probes and metrics, Services, a PDB, the database and every provider credential from the
 * operator's Secrets (environment variables and mounted files, never the ConfigMap), and render-time refusals of
 * incomplete values.
 */
class PushChartTest {

    private static final String PUSH_VALUES = """
            push:
              enabled: true
              database:
                existingSecret: push-db
              admin:
                existingSecret: push-admin
              instances:
                - id: my-app
                  secretKey: {existingSecret: beams, key: my-app-secret}
                  vapid: {existingSecret: beams-vapid}
                  fcm: {existingSecret: fcm-sa, key: sa.json}
                  apns: {existingSecret: apns-key, key: AuthKey.p8, keyId: ABC123DEFG, teamId: TEAM123456,
                         topic: com.example.app, sandbox: true}
                - id: web-only
                  secretKey: {existingSecret: beams, key: web-only-secret}
            """;

    private static Manifests render(String... extra) {
        Chart chart = Chart.chart().values(PUSH_VALUES);
        for (String values : extra) {
            chart.values(values);
        }
        return chart.render();
    }

    private static Deployment deployment(Manifests manifests) {
        return manifests.get(Deployment.class, "starling-push");
    }

    private static Container container(Manifests manifests) {
        return deployment(manifests).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Properties properties(Manifests manifests) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(manifests.get(ConfigMap.class, "starling-push-config").getData()
                    .get("push.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }

    @Test
    void pushIsOffByDefault() {
        for (var values : Chart.ciValues()) {
            List<HasMetadata> objects = Chart.chart().values(values).render().objects();
            assertThat(objects).as("%s", values).noneMatch(o -> o.getMetadata().getName().startsWith("starling-push"));
        }
    }

    @Test
    void theDeploymentServesTheApiAndProbesTheManagementPort() {
        Manifests manifests = render();
        Container container = container(manifests);

        assertThat(container.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
                .containsExactly("http:7070", "management:9700");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(container.getStartupProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(deployment(manifests).getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment(manifests).getSpec().getTemplate().getMetadata().getAnnotations())
                .containsKey("checksum/config");

        List<ServicePort> api = manifests.get(Service.class, "starling-push").getSpec().getPorts();
        assertThat(api).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(7070));
        List<ServicePort> management = manifests.get(Service.class, "starling-push-management").getSpec().getPorts();
        assertThat(management).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(9700));
        assertThat(manifests.get(PodDisruptionBudget.class, "starling-push").getSpec().getMaxUnavailable()
                .getIntVal()).isEqualTo(1);
    }

    @Test
    void databaseAdminAndInstanceSecretsArriveAsEnvironmentVariables() {
        Container container = container(render());

        assertThat(env(container, "STARLING_PUSH_DB_URL").getValueFrom().getSecretKeyRef().getName()).isEqualTo("push-db");
        assertThat(env(container, "STARLING_PUSH_DB_URL").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("dsn");
        assertThat(env(container, "STARLING_PUSH_DB_PASSWORD").getValueFrom().getSecretKeyRef().getKey())
                .isEqualTo("password");
        assertThat(env(container, "PUSH_ADMIN_TOKEN").getValueFrom().getSecretKeyRef().getName()).isEqualTo("push-admin");
        assertThat(env(container, "PUSH_INSTANCE_0_SECRET_KEY").getValueFrom().getSecretKeyRef().getKey())
                .isEqualTo("my-app-secret");
        assertThat(env(container, "PUSH_INSTANCE_1_SECRET_KEY").getValueFrom().getSecretKeyRef().getKey())
                .isEqualTo("web-only-secret");
        assertThat(env(container, "PUSH_INSTANCE_0_VAPID_PRIVATE_KEY").getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("beams-vapid");
        assertThat(container.getEnv()).extracting(EnvVar::getName).doesNotContain("PUSH_INSTANCE_1_VAPID_PRIVATE_KEY");
        assertThat(container.getEnv()).allMatch(e -> e.getValue() == null || !e.getValue().contains("secret"));
    }

    @Test
    void providerCredentialsAreMountedFilesAndThePropertiesPointAtThem() {
        Manifests manifests = render();
        PodSpec pod = deployment(manifests).getSpec().getTemplate().getSpec();
        Properties properties = properties(manifests);

        Volume fcm = pod.getVolumes().stream().filter(v -> v.getName().equals("fcm-0")).findFirst().orElseThrow();
        assertThat(fcm.getSecret().getSecretName()).isEqualTo("fcm-sa");
        assertThat(fcm.getSecret().getItems()).singleElement().satisfies(i -> {
            assertThat(i.getKey()).isEqualTo("sa.json");
            assertThat(i.getPath()).isEqualTo("service-account.json");
        });
        Volume apns = pod.getVolumes().stream().filter(v -> v.getName().equals("apns-0")).findFirst().orElseThrow();
        assertThat(apns.getSecret().getSecretName()).isEqualTo("apns-key");
        String fcmMount = pod.getContainers().get(0).getVolumeMounts().stream().filter(m -> m.getName().equals("fcm-0"))
                .findFirst().orElseThrow().getMountPath();
        assertThat(properties.getProperty("starling.push.instances.\"my-app\".fcm.service-account-file"))
                .isEqualTo(fcmMount + "/service-account.json");
        assertThat(properties.getProperty("starling.push.instances.\"my-app\".apns.key-id")).isEqualTo("ABC123DEFG");
        assertThat(properties.getProperty("starling.push.instances.\"my-app\".apns.sandbox")).isEqualTo("true");
        assertThat(properties.getProperty("starling.push.instances.\"my-app\".secret-key"))
                .isEqualTo("${PUSH_INSTANCE_0_SECRET_KEY}");
        assertThat(properties.getProperty("starling.push.instances.\"web-only\".fcm.service-account-file")).isNull();
        assertThat(pod.getVolumes()).extracting(Volume::getName).doesNotContain("fcm-1", "apns-1");
    }

    @Test
    void theConfigMapCarriesSettingsButNoSecrets() {
        Properties properties = properties(render());

        assertThat(properties.getProperty("starling.push.mode")).isEqualTo("standalone");
        assertThat(properties.getProperty("starling.push.default-instance.id")).isEmpty();
        assertThat(properties.getProperty("quarkus.http.port")).isEqualTo("7070");
        assertThat(properties.getProperty("quarkus.management.port")).isEqualTo("9700");
        assertThat(properties.getProperty("starling.push.web.allowed-endpoints")).startsWith("https://fcm.googleapis.com/");
        assertThat(properties.getProperty("starling.push.delivery.max-age")).isEqualTo("1h");
        assertThat(properties.getProperty("starling.push.webhooks.retry-for")).isEqualTo("5m");
        assertThat(properties.getProperty("starling.push.admin.token")).isEqualTo("${PUSH_ADMIN_TOKEN}");
        assertThat(properties.stringPropertyNames()).noneMatch(k -> k.startsWith("starling.push.kafka."));
        assertThat(properties.values()).allMatch(v -> !v.toString().contains("password"));
    }

    @Test
    void clusterModeUsesTheClustersKafkaAndItsCredentials() {
        Manifests manifests = Chart.chart().values(Chart.ci("cluster-kafka")).values(PUSH_VALUES)
                .set("push.mode", "cluster").set("cluster.kafka.sasl.mechanism", "SCRAM-SHA-512")
                .set("cluster.kafka.sasl.existingSecret", "kafka-creds").render();
        Properties properties = properties(manifests);

        assertThat(properties.getProperty("starling.push.mode")).isEqualTo("cluster");
        assertThat(properties.getProperty("starling.push.kafka.bootstrap-servers")).isNotBlank();
        assertThat(properties.getProperty("starling.push.kafka.topic-prefix")).isEqualTo("starling.");
        assertThat(properties.getProperty("starling.push.kafka.properties.\"sasl.jaas.config\""))
                .contains("${KAFKA_SASL_PASSWORD}");
        assertThat(env(container(manifests), "KAFKA_SASL_PASSWORD").getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("kafka-creds");

        // The gateways hand their webhooks to push-service then, and only then.
        assertThat(gatewayProperty(manifests, "starling.gateway.webhooks.delivery")).isEqualTo("push-service");
        assertThat(gatewayProperty(Chart.chart().values(Chart.ci("cluster-kafka")).values(PUSH_VALUES).render(),
                "starling.gateway.webhooks.delivery")).isNull();
    }

    private static String gatewayProperty(Manifests manifests, String key) {
        Properties gateway = new Properties();
        try {
            gateway.load(new java.io.StringReader(manifests.get(ConfigMap.class, "starling-gateway-config").getData()
                    .get("starling.properties")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return gateway.getProperty(key);
    }

    @Test
    void incompleteValuesAreRefused() {
        assertThat(Chart.chart().set("push.enabled", true).renderError()).contains("existingSecret");
        assertThat(Chart.chart().values(PUSH_VALUES).set("push.mode", "cluster").renderError())
                .contains("bootstrapServers");
        assertThat(Chart.chart().values(PUSH_VALUES).set("push.mode", "bogus").renderError()).contains("mode");
        assertThat(Chart.chart().values(PUSH_VALUES).values("""
                push:
                  instances:
                    - id: x
                """).renderError()).contains("secretKey");
        assertThat(Chart.chart().values(PUSH_VALUES).values("""
                push:
                  instances:
                    - id: x
                      secretKey: {existingSecret: s, key: k}
                      apns: {existingSecret: a, keyId: K}
                """).renderError()).contains("teamId");
        assertThat(Chart.chart().values(PUSH_VALUES).set("push.config.delivery.maxAge", "an hour").renderError())
                .contains("maxAge");
        assertThat(Chart.chart().values(PUSH_VALUES).set("push.replicas", 3).renderError()).contains("replicas");
    }

    @Test
    void enabledPushLintsStrictly() {
        LintResult result = Chart.chart().values(PUSH_VALUES).lintStrict();

        assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }
}
