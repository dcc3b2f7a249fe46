package dev.starling.gateway.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import dev.starling.gateway.config.GatewayConfig;
import io.quarkus.runtime.Startup;

/**
 * The apps this gateway serves: the configured app plus those of the apps file. Lookups are lock-free reads of an
 * immutable snapshot; {@link #reload()} swaps the snapshot atomically and fires {@link AppsChanged}.
 *
 * <p>Guarantees: the gateway does not start with broken app configuration (the exception names the key or field);
 * a broken apps file found by a later reload is logged and ignored, the previous apps stay in force.
 */
@Startup
@ApplicationScoped
public class AppRegistry {

    private static final Logger LOG = Logger.getLogger(AppRegistry.class);

    private record Snapshot(Map<String, App> byId, Map<String, App> byKey, String fileContent) {
    }

    private final GatewayConfig config;
    private final AppDefaults defaults;
    private final Event<AppsChanged> changes;
    private volatile Snapshot snapshot;

    public AppRegistry(GatewayConfig config, Event<AppsChanged> changes) {
        this.config = config;
        this.defaults = AppDefaults.from(config);
        this.changes = changes;
        String content = readFile().orElse(null);
        this.snapshot = build(content);
        LOG.infof("Serving %d app(s)%s", snapshot.byId().size(),
                config.apps().file().map(f -> " (apps file " + f + ")").orElse(""));
    }

    public Optional<App> byKey(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(snapshot.byKey().get(key));
    }

    public Optional<App> byId(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(snapshot.byId().get(id));
    }

    public Collection<App> all() {
        return snapshot.byId().values();
    }

    /**
     * Re-reads the apps file if its content changed; returns whether the apps were replaced. Never throws for a
     * broken file: it logs and keeps the current apps.
     */
    public synchronized boolean reload() {
        Optional<String> content;
        try {
            content = readFile();
        } catch (InvalidAppConfigException e) {
            LOG.errorf("Apps file not reloaded, keeping the current apps: %s", e.getMessage());
            return false;
        }
        Snapshot current = snapshot;
        if (content.orElse("").equals(current.fileContent() == null ? "" : current.fileContent())) {
            return false;
        }
        Snapshot next;
        try {
            next = build(content.orElse(null));
        } catch (InvalidAppConfigException e) {
            LOG.errorf("Apps file not reloaded, keeping the current apps: %s", e.getMessage());
            return false;
        }
        snapshot = next;
        List<App> removed = new ArrayList<>();
        List<App> changed = new ArrayList<>();
        current.byId().forEach((id, old) -> {
            App now = next.byId().get(id);
            if (now == null || !now.key().equals(old.key())) {
                removed.add(old);
            } else if (!now.equals(old)) {
                changed.add(now);
            }
        });
        LOG.infof("Apps reloaded: %d app(s), %d removed, %d changed", next.byId().size(), removed.size(), changed.size());
        changes.fire(new AppsChanged(removed, changed));
        return true;
    }

    private Optional<String> readFile() {
        Optional<Path> file = config.apps().file();
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file.get(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidAppConfigException("starling.gateway.apps.file: cannot read " + file.get() + ": " + e);
        }
    }

    private Snapshot build(String fileContent) {
        List<App> apps = new ArrayList<>();
        ConfiguredApp.from(config.defaultApp(), defaults).ifPresent(apps::add);
        if (fileContent != null) {
            apps.addAll(AppsFile.parse(fileContent, defaults, config.apps().file().map(Path::toString).orElse("apps file")));
        }
        Map<String, App> byId = new HashMap<>();
        Map<String, App> byKey = new HashMap<>();
        for (App app : apps) {
            if (byId.putIfAbsent(app.id(), app) != null) {
                throw new InvalidAppConfigException("App id '" + app.id() + "' is defined twice");
            }
            if (byKey.putIfAbsent(app.key(), app) != null) {
                throw new InvalidAppConfigException("App key '" + app.key() + "' is used by two apps");
            }
        }
        return new Snapshot(Map.copyOf(byId), Map.copyOf(byKey), fileContent);
    }
}
