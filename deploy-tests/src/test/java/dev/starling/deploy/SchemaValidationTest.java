package dev.starling.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.marcnuri.helm.LintResult;

/**
 * values.schema.json stops bad values before anything reaches a cluster: helm template (and install) fail, and so
 * does helm lint. (Checks written as {@code fail} in templates, like the grace-period one in
 * {@link DrainConsistencyTest}, fail template and install only: Helm's lint mode turns {@code fail} into a no-op.)
 */
class SchemaValidationTest {

    @Test
    void unknownClusterModeIsRejected() {
        assertThat(Chart.chart().set("cluster.mode", "bogus").renderError()).contains("cluster").contains("mode");
    }

    @Test
    void moreThanOneReplicaInSingleNodeModeIsRejected() {
        assertThat(Chart.chart().set("gateway.replicaCount", 2).renderError()).contains("replicaCount");
    }

    @Test
    void autoscalingInSingleNodeModeIsRejected() {
        assertThat(Chart.chart().set("gateway.autoscaling.enabled", true).renderError()).contains("autoscaling");
    }

    @Test
    void severalReplicasAreFineInKafkaMode() {
        Manifests manifests = Chart.chart().values(Chart.ci("cluster-kafka")).set("gateway.replicaCount", 5).render();

        assertThat(manifests.gateway().getSpec().getReplicas()).isEqualTo(5);
    }

    @Test
    void negativeLimitIsRejected() {
        assertThat(Chart.chart().set("gateway.config.limits.maxFrameBytes", -5).renderError())
                .contains("maxFrameBytes");
    }

    @Test
    void unlimitedIsTheOnlyNegativeConnectionLimit() {
        Chart.chart().set("gateway.config.limits.maxConnectionsPerApp", -1).render();

        assertThat(Chart.chart().set("gateway.config.limits.maxConnectionsPerApp", -2).renderError())
                .contains("maxConnectionsPerApp");
    }

    @Test
    void kafkaModeWithoutBootstrapServersIsRejected() {
        assertThat(Chart.chart().set("cluster.mode", "kafka").renderError()).contains("bootstrapServers");
    }

    @Test
    void malformedBootstrapServersAreRejected() {
        assertThat(Chart.chart().set("cluster.mode", "kafka").set("cluster.kafka.bootstrapServers", "kafka")
                .renderError()).contains("bootstrapServers");
    }

    @Test
    void saslWithoutCredentialsSecretIsRejected() {
        assertThat(Chart.chart().values(Chart.ci("cluster-kafka")).set("cluster.kafka.sasl.existingSecret", "")
                .renderError()).contains("existingSecret");
    }

    @Test
    void credentialsInPlainKafkaPropertiesAreRejected() {
        assertThat(Chart.chart().values(Chart.ci("cluster-kafka"))
                .set("cluster.kafka.properties.sasl\\.jaas\\.config", "x required password=\"p\";")
                .renderError()).contains("properties");
    }

    @Test
    void typoInAValueIsRejected() {
        assertThat(Chart.chart().set("gateway.config.limits.maxFrameByte", 100).renderError())
                .contains("maxFrameByte");
    }

    @Test
    void badDurationIsRejected() {
        assertThat(Chart.chart().set("gateway.config.activityTimeout", "two minutes").renderError())
                .contains("activityTimeout");
    }

    @Test
    void appWithoutSecretOrWithUnknownFieldIsRejected() {
        assertThat(Chart.chart().values("""
                apps:
                  list:
                    - {id: "1", key: k1}
                """).renderError()).contains("secret");
        assertThat(Chart.chart().values("""
                apps:
                  list:
                    - {id: "1", key: k1, secret: s1, clientEvent: true}
                """).renderError()).contains("clientEvent");
    }

    @Test
    void lintFailsOnBadValuesToo() {
        LintResult result = Chart.chart().set("cluster.mode", "bogus").lintStrict();

        assertThat(result.isFailed()).isTrue();
        assertThat(String.join("\n", result.getMessages())).contains("mode");
    }
}
