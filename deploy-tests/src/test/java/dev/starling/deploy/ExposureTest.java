package dev.starling.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;

/**
 * What is reachable from where: the Ingress carries WebSocket-friendly timeouts to the public port, the
 * NetworkPolicy opens the public port to all and the management port only to the listed peers, and the
 * ServiceMonitor scrapes /metrics through the management Service.
 */
class ExposureTest {

    private final Manifests production = Chart.chart().values(Chart.ci("production-ha")).render();

    @Test
    void ingressRoutesToThePublicPortWithLongTimeouts() {
        Ingress ingress = production.get(Ingress.class, "starling-gateway");

        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600");
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getTls()).singleElement()
                .satisfies(tls -> assertThat(tls.getHosts()).containsExactly("ws.example.com"));
        assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getHost()).isEqualTo("ws.example.com");
            assertThat(rule.getHttp().getPaths()).singleElement().satisfies(path -> {
                assertThat(path.getBackend().getService().getName()).isEqualTo("starling-gateway");
                assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
            });
        });
        assertThat(Chart.chart().render().all(Ingress.class)).isEmpty();
    }

    @Test
    void networkPolicyKeepsTheManagementPortPrivate() {
        NetworkPolicy policy = production.get(NetworkPolicy.class, "starling-gateway");

        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .isEqualTo(production.gateway().getSpec().getSelector().getMatchLabels());
        assertThat(policy.getSpec().getIngress()).hasSize(2);
        NetworkPolicyIngressRule publicRule = policy.getSpec().getIngress().get(0);
        NetworkPolicyIngressRule managementRule = policy.getSpec().getIngress().get(1);
        assertThat(publicRule.getFrom()).isNullOrEmpty();
        assertThat(publicRule.getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http"));
        assertThat(managementRule.getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("management"));
        assertThat(managementRule.getFrom()).singleElement().satisfies(peer -> assertThat(
                peer.getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "monitoring"));
        // Egress stays open unless rules are given: webhooks go to arbitrary URLs.
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
    }

    @Test
    @SuppressWarnings("unchecked")
    void serviceMonitorScrapesTheManagementService() {
        HasMetadata monitor = production.findKind("ServiceMonitor", "starling-gateway").orElseThrow();
        Map<String, Object> spec = (Map<String, Object>) ((GenericKubernetesResource) monitor)
                .getAdditionalProperties().get("spec");

        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        Map<String, String> selector = (Map<String, String>) ((Map<String, Object>) spec.get("selector"))
                .get("matchLabels");
        assertThat(production.get(Service.class, "starling-gateway-management").getMetadata().getLabels())
                .containsAllEntriesOf(selector);
        assertThat(production.get(Service.class, "starling-gateway").getMetadata().getLabels())
                .doesNotContainEntry("app.kubernetes.io/endpoint", "management");
        assertThat((Iterable<Map<String, Object>>) spec.get("endpoints")).singleElement().satisfies(endpoint -> {
            assertThat(endpoint).containsEntry("port", "management").containsEntry("path", "/metrics");
        });
    }
}
