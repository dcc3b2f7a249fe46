package dev.starling.gateway.app;

import java.util.List;

/**
 * Fired (as a CDI event) after a reload replaced the apps: apps that are gone, and apps whose definition changed
 * (with their new definition).
 */
public record AppsChanged(List<App> removed, List<App> changed) {

    public AppsChanged {
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }
}
