package dev.kefu.routing;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Every workspace's routing settings in memory, loaded at start and replaced on save, so that hot paths (a
 * connection closing on an event loop) never read storage. Thread-safe.
 */
public final class RoutingSettingsCache {
    private final RoutingStore store;
    private final ConcurrentHashMap<String, RoutingSettings> byWorkspace = new ConcurrentHashMap<>();

    public RoutingSettingsCache(RoutingStore store, Iterable<String> workspaceIds) {
        this.store = store;
        for (String id : workspaceIds) {
            store.settings(id).ifPresent(s -> byWorkspace.put(id, s));
        }
    }

    /** Reads every workspace's settings again: in a cluster, another node may have saved new ones. Blocking. */
    public void reload(Iterable<String> workspaceIds) {
        for (String id : workspaceIds) {
            store.settings(id).ifPresent(s -> byWorkspace.put(id, s));
        }
    }

    /** Never blocks: a workspace that never saved settings has the defaults. */
    public RoutingSettings of(String workspaceId) {
        return byWorkspace.getOrDefault(workspaceId, RoutingSettings.DEFAULTS);
    }

    /** Blocking: stores them, then serves them. */
    void save(String workspaceId, RoutingSettings settings) {
        store.saveSettings(workspaceId, settings);
        byWorkspace.put(workspaceId, settings);
    }

    /** Workspaces whose saved settings resolve idle conversations, with the idle time in seconds. */
    java.util.Map<String, Integer> autoResolving() {
        java.util.Map<String, Integer> out = new java.util.HashMap<>();
        byWorkspace.forEach((id, s) -> {
            if (s.autoResolveSeconds() > 0) {
                out.put(id, s.autoResolveSeconds());
            }
        });
        return out;
    }

    public long graceMillis(String workspaceId) {
        return of(workspaceId).offlineGraceSeconds() * 1000L;
    }
}
