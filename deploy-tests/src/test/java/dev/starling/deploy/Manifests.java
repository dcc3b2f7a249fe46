package dev.starling.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * A rendered set of Kubernetes objects (from {@code helm template} or {@code kubectl kustomize}), parsed into the
 * fabric8 model. Kinds the model does not know (ServiceMonitor) become {@code GenericKubernetesResource}.
 */
record Manifests(List<HasMetadata> objects) {

    static final YAMLMapper YAML = new YAMLMapper();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static Manifests parse(String multiDocumentYaml) {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(multiDocumentYaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                objects.add(SERIALIZATION.unmarshal(document.toString(), HasMetadata.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Manifests(List.copyOf(objects));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name
                + " in " + objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList()));
    }

    Optional<HasMetadata> findKind(String kind, String name) {
        return objects.stream().filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
                .findFirst();
    }

    Deployment gateway() {
        return get(Deployment.class, "starling-gateway");
    }

    PodSpec gatewayPod() {
        return gateway().getSpec().getTemplate().getSpec();
    }

    Container gatewayContainer() {
        return gatewayPod().getContainers().stream().filter(c -> c.getName().equals("gateway")).findFirst()
                .orElseThrow(() -> new AssertionError("no container named gateway"));
    }

    Optional<EnvVar> gatewayEnv(String name) {
        return gatewayContainer().getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    /** The gateway's properties file, from the ConfigMap its {@code config} volume mounts. */
    Properties gatewayProperties() {
        String configMapName = gatewayPod().getVolumes().stream().filter(v -> v.getName().equals("config"))
                .findFirst().orElseThrow(() -> new AssertionError("no config volume")).getConfigMap().getName();
        String text = get(ConfigMap.class, configMapName).getData().get("starling.properties");
        if (text == null) {
            throw new AssertionError(configMapName + " has no starling.properties");
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
