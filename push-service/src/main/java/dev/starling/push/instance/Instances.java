package dev.starling.push.instance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

import dev.starling.push.config.PushConfig;

/**
 * The configured instances, checked once at start: a broken instance (no secret, half an APNs key, an unreadable
 * file) stops the start with a message naming the key. VAPID keys that are not configured come from
 * {@link VapidKeyStore} (generated once, persisted).
 */
@Startup
@ApplicationScoped
public class Instances {

    private static final String APPLE_PRODUCTION = "api.push.apple.com";
    private static final String APPLE_SANDBOX = "api.sandbox.push.apple.com";

    private final Map<String, Instance> byId;

    public Instances(PushConfig config, VapidKeyStore vapidKeys) {
        Map<String, Instance> instances = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        config.defaultInstance().id().filter(id -> !id.isBlank()).ifPresent(id -> {
            String secret = config.defaultInstance().secretKey().orElse("");
            if (secret.isBlank()) {
                errors.add("starling.push.default-instance.secret-key: must be set when default-instance.id is");
            }
            instances.put(id, new Instance(id, secret, new Instance.Web(vapidKeys.keysFor(id, Optional.empty(),
                    Optional.empty()), config.web().vapidSubject()), Optional.empty(), Optional.empty()));
        });
        config.instances().forEach((id, instance) -> {
            String prefix = "starling.push.instances.\"" + id + "\".";
            if (instances.containsKey(id)) {
                errors.add(prefix + ": the id is already the default instance's");
            }
            if (instance.secretKey().isBlank()) {
                errors.add(prefix + "secret-key: must not be empty");
            }
            try {
                Instance.Web web = new Instance.Web(vapidKeys.keysFor(id, instance.web().vapidPublicKey(),
                        instance.web().vapidPrivateKey()), instance.web().vapidSubject().orElse(config.web().vapidSubject()));
                instances.put(id, new Instance(id, instance.secretKey(), web, fcm(config, instance, prefix, errors),
                        apns(instance, prefix, errors)));
            } catch (IllegalArgumentException e) {
                errors.add(prefix + "web: " + e.getMessage());
            }
        });
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Invalid push-service configuration:\n  " + String.join("\n  ", errors));
        }
        this.byId = Map.copyOf(instances);
    }

    public Optional<Instance> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    public Collection<Instance> all() {
        return byId.values();
    }

    private static Optional<Instance.Fcm> fcm(PushConfig config, PushConfig.Instance instance, String prefix,
            List<String> errors) {
        Optional<Path> file = instance.fcm().serviceAccountFile();
        if (file.isEmpty()) {
            return Optional.empty();
        }
        if (!Files.isReadable(file.get())) {
            errors.add(prefix + "fcm.service-account-file: cannot read " + file.get());
            return Optional.empty();
        }
        return Optional.of(new Instance.Fcm(file.get(), instance.fcm().projectId(),
                instance.fcm().endpoint().orElse(config.fcm().endpoint())));
    }

    private static Optional<Instance.Apns> apns(PushConfig.Instance instance, String prefix, List<String> errors) {
        PushConfig.InstanceApns apns = instance.apns();
        if (apns.keyFile().isEmpty()) {
            return Optional.empty();
        }
        if (!Files.isReadable(apns.keyFile().get())) {
            errors.add(prefix + "apns.key-file: cannot read " + apns.keyFile().get());
        }
        if (apns.keyId().isEmpty() || apns.teamId().isEmpty() || apns.topic().isEmpty()) {
            errors.add(prefix + "apns: key-id, team-id and topic are required with key-file");
            return Optional.empty();
        }
        String host = apns.sandbox() ? APPLE_SANDBOX : APPLE_PRODUCTION;
        int port = 443;
        if (apns.endpoint().isPresent()) {
            String endpoint = apns.endpoint().get();
            int colon = endpoint.lastIndexOf(':');
            try {
                host = colon > 0 ? endpoint.substring(0, colon) : endpoint;
                port = colon > 0 ? Integer.parseInt(endpoint.substring(colon + 1)) : 443;
            } catch (NumberFormatException e) {
                errors.add(prefix + "apns.endpoint: expected host:port, got " + endpoint);
            }
        }
        return Optional.of(new Instance.Apns(apns.keyFile().get(), apns.keyId().get(), apns.teamId().get(),
                apns.topic().get(), host, port, apns.trustedCertificateFile()));
    }
}
