package dev.starling.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The gateway's Jib image configuration, checked statically: these machines cannot reach an image registry, so the
 * image itself is never built here. What can drift from the chart is checked: ports, user, JVM flags, entrypoint.
 */
class JibImageConfigTest {

    private static final Path GATEWAY = Chart.REPO.resolve("gateway");
    private static Properties app;
    private static JsonNode values;

    @BeforeAll
    static void load() throws IOException {
        app = new Properties();
        try (Reader reader = Files.newBufferedReader(GATEWAY.resolve("src/main/resources/application.properties"))) {
            app.load(reader);
        }
        values = Manifests.YAML.readTree(Chart.DIR.resolve("values.yaml").toFile());
    }

    @Test
    void gatewayUsesTheJibExtensionAndBuildsOnlyOnRequest() throws IOException {
        assertThat(Files.readString(GATEWAY.resolve("pom.xml"))).contains("<artifactId>quarkus-container-image-jib</artifactId>");
        assertThat(app.getProperty("quarkus.container-image.build", "false")).isEqualTo("false");
        assertThat(app.getProperty("quarkus.container-image.push", "false")).isEqualTo("false");
    }

    @Test
    void imageNameMatchesTheChartsDefaultRepository() {
        assertThat(app.getProperty("quarkus.container-image.group") + "/" + app.getProperty("quarkus.container-image.name"))
                .isEqualTo(values.at("/gateway/image/repository").asText());
    }

    @Test
    void exposedPortsAreTheApplicationsAndTheChartsPorts() {
        List<Integer> exposed = Arrays.stream(app.getProperty("quarkus.jib.ports").split(",")).map(String::trim)
                .map(Integer::valueOf).toList();

        assertThat(exposed).containsExactly(Integer.valueOf(app.getProperty("quarkus.http.port")),
                Integer.valueOf(app.getProperty("quarkus.management.port")));
        assertThat(exposed).containsExactly(values.at("/gateway/ports/http").asInt(),
                values.at("/gateway/ports/management").asInt());
    }

    @Test
    void imageRunsAsTheChartsNonRootUser() {
        int user = Integer.parseInt(app.getProperty("quarkus.jib.user"));

        assertThat(user).isPositive().isEqualTo(values.at("/gateway/podSecurityContext/runAsUser").asInt());
    }

    @Test
    void entrypointStartsJavaDirectlySoTheChartsJvmFlagsDoNotClash() {
        String entrypoint = app.getProperty("quarkus.jib.jvm-entrypoint");

        // run-java.sh (the base image's launcher) adds its own GC flags: two collectors would stop the JVM.
        assertThat(entrypoint).startsWith("java,").endsWith(",-jar,quarkus-run.jar").doesNotContain("run-java")
                .contains("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
    }

    @Test
    void imageDefaultJvmFlagsAreTheChartsDefault() {
        assertThat(app.getProperty("quarkus.jib.environment-variables.\"JDK_JAVA_OPTIONS\""))
                .isEqualTo(values.at("/gateway/jvm/options").asText())
                .contains("-XX:MaxRAMPercentage=").contains("-XX:+UseShenandoahGC");
    }

    @Test
    void baseImagesArePinnedToATag() {
        assertThat(app.getProperty("quarkus.jib.base-jvm-image")).matches("[^:]+/[^:]+:[0-9][^:]*")
                .contains("openjdk-21-runtime");
        assertThat(app.getProperty("quarkus.jib.base-native-image")).matches("[^:]+/[^:]+:[0-9][^:]*");
    }
}
