package dev.starling.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/**
 * The Helm chart under {@code deploy/helm/starling}, rendered and linted offline with helm-java (Helm as a native
 * library: no helm binary, no cluster). Renders use release name {@code starling} in namespace {@code starling}.
 */
final class Chart {

    static final Path REPO = Path.of(System.getProperty("starling.repo.root", "..")).toAbsolutePath().normalize();
    static final Path DIR = REPO.resolve("deploy/helm/starling");
    /** Chart copies go under the module's build directory, so {@code mvn clean} removes them. */
    private static final Path SCRATCH = Path.of(System.getProperty("starling.build.dir", "target")).resolve("charts");
    static final String RELEASE = "starling";
    /** Helm's default capabilities would change with the bundled Helm; pin the cluster version the tests assume. */
    static final String KUBE_VERSION = "1.31.0";
    /** What {@link #withHooksAsManifests()} renames {@code helm.sh/hook} to. */
    static final String HOOK_ANNOTATION = "test.starling.dev/hook";

    private final List<Path> valuesFiles = new ArrayList<>();
    private final Map<String, Object> sets = new LinkedHashMap<>();
    private String kubeVersion = KUBE_VERSION;
    private boolean hooksAsManifests;

    private Chart() {
    }

    static Chart chart() {
        return new Chart();
    }

    /** The chart's CI scenarios, {@code ci/*-values.yaml}. */
    static List<Path> ciValues() {
        try (Stream<Path> files = Files.list(DIR.resolve("ci"))) {
            List<Path> list = files.filter(f -> f.getFileName().toString().endsWith("-values.yaml")).sorted().toList();
            if (list.isEmpty()) {
                throw new AssertionError("no ci/*-values.yaml in " + DIR);
            }
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path ci(String name) {
        return DIR.resolve("ci").resolve(name + "-values.yaml");
    }

    Chart values(Path file) {
        valuesFiles.add(file);
        return this;
    }

    /** Values given inline, as a values file would hold them. */
    Chart values(String yaml) {
        try {
            Files.createDirectories(SCRATCH);
            Path file = Files.createTempFile(SCRATCH, "values-", ".yaml");
            Files.writeString(file, yaml);
            return values(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Like {@code --set}: dotted keys (a backslash before a dot keeps it inside the key), scalar values. */
    Chart set(String key, Object value) {
        sets.put(key, value);
        return this;
    }

    Chart kubeVersion(String version) {
        kubeVersion = version;
        return this;
    }

    /**
     * Renders the {@code helm test} hooks too. helm-java's template returns only the release manifest (Helm keeps
     * hooks apart), so the chart is copied with the {@code helm.sh/hook*} annotation keys renamed to
     * {@code test.starling.dev/hook*}: the hook objects then render as ordinary ones, annotations kept for asserts.
     */
    Chart withHooksAsManifests() {
        hooksAsManifests = true;
        return this;
    }

    /** {@code helm template}; throws with Helm's message when rendering fails (schema, {@code fail}, YAML). */
    String template() {
        Path chart = DIR;
        if (hooksAsManifests) {
            chart = copyChart();
            try (Stream<Path> files = Files.walk(chart.resolve("templates"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.writeString(file, Files.readString(file).replace("helm.sh/hook", HOOK_ANNOTATION));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        TemplateCommand command = new Helm(chart).template().withName(RELEASE).withNamespace(RELEASE)
                .withKubeVersion(kubeVersion);
        valuesFiles.forEach(command::withValuesFile);
        sets.forEach(command::set);
        return command.call();
    }

    Manifests render() {
        return Manifests.parse(template());
    }

    /** Helm's error message for a render that must fail. */
    String renderError() {
        try {
            String output = template();
            throw new AssertionError("expected rendering to fail, but it rendered:\n" + output);
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /**
     * {@code helm lint --strict} with these values. helm-java's lint takes no values files, so the chart is copied
     * and its values.yaml replaced by the values Helm itself would compute (chart values deep-merged with the files
     * and the sets, later ones winning, maps merged, everything else replaced, null deleting the key).
     */
    LintResult lintStrict() {
        try {
            Path copy = copyChart();
            ObjectNode merged = (ObjectNode) Manifests.YAML.readTree(DIR.resolve("values.yaml").toFile());
            for (Path file : valuesFiles) {
                deepMerge(merged, Manifests.YAML.readTree(file.toFile()));
            }
            for (Map.Entry<String, Object> set : sets.entrySet()) {
                deepMerge(merged, nested(set.getKey(), set.getValue()));
            }
            Manifests.YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
            return new Helm(copy).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of the chart in a fresh directory named like the chart, as Helm expects. */
    private static Path copyChart() {
        try {
            Files.createDirectories(SCRATCH);
            Path copy = Files.createTempDirectory(SCRATCH, "chart-").resolve("starling");
            copyTree(DIR, copy);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode nested(String dottedKey, Object value) {
        String[] parts = dottedKey.split("(?<!\\\\)\\.");
        ObjectNode root = Manifests.YAML.createObjectNode();
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.putObject(parts[i].replace("\\.", "."));
        }
        node.set(parts[parts.length - 1].replace("\\.", "."), Manifests.YAML.valueToTree(value));
        return root;
    }

    private static void deepMerge(ObjectNode target, JsonNode overrides) {
        if (overrides == null || !overrides.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode existing = target.get(field.getKey());
            if (field.getValue().isNull()) {
                target.remove(field.getKey());
            } else if (existing != null && existing.isObject() && field.getValue().isObject()) {
                deepMerge((ObjectNode) existing, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
