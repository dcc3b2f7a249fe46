package dev.starling.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Secret;

/**
 * {@code checksum/config} rolls the pods when the rendered configuration changes, and only then: the apps Secret is
 * reloaded in place by the gateway, so changing apps must not restart anything.
 */
class ConfigChecksumTest {

    @Test
    void configChangeChangesTheChecksum() {
        String before = checksum(Chart.chart());
        String limit = checksum(Chart.chart().set("gateway.config.limits.maxFrameBytes", 65536));
        String drain = checksum(Chart.chart().set("gateway.drain.closeRate", 200));
        String extra = checksum(Chart.chart().set("gateway.config.extraProperties.quarkus\\.log\\.level", "DEBUG"));

        assertThat(before).matches("[0-9a-f]{64}");
        assertThat(List.of(limit, drain, extra)).doesNotContain(before).doesNotHaveDuplicates();
    }

    @Test
    void sameValuesGiveTheSameChecksum() {
        assertThat(checksum(Chart.chart().set("gateway.config.limits.maxFrameBytes", 65536)))
                .isEqualTo(checksum(Chart.chart().set("gateway.config.limits.maxFrameBytes", 65536)));
    }

    @Test
    void appsChangeLeavesTheChecksumAlone() {
        Manifests one = Chart.chart().values("""
                apps:
                  list:
                    - {id: "1", key: k1, secret: s1}
                """).render();
        Manifests two = Chart.chart().values("""
                apps:
                  list:
                    - {id: "1", key: k1, secret: s1}
                    - {id: "2", key: k2, secret: s2, clientEvents: true}
                """).render();

        // The apps did change (the Secret differs) …
        assertThat(appsJson(one)).contains("\"k1\"").doesNotContain("\"k2\"");
        assertThat(appsJson(two)).contains("\"k1\"").contains("\"k2\"");
        // … but the pod template did not.
        assertThat(two.gateway().getSpec().getTemplate()).isEqualTo(one.gateway().getSpec().getTemplate());
    }

    @Test
    void switchingToAnExistingAppsSecretLeavesTheChecksumAlone() {
        assertThat(checksum(Chart.chart().set("apps.existingSecret", "operator-apps")))
                .isEqualTo(checksum(Chart.chart()));
    }

    private static String checksum(Chart chart) {
        return chart.render().gateway().getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
    }

    private static String appsJson(Manifests manifests) {
        return manifests.get(Secret.class, "starling-apps").getStringData().get("apps.json");
    }
}
