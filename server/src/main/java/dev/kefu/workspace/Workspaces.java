package dev.kefu.workspace;

import java.util.List;
import java.util.Optional;

/** Port: stored workspaces and their settings. Blocking; call from virtual threads, never from an event loop. */
public interface Workspaces {
    Optional<Workspace> find(String id);

    List<Workspace> all();

    void create(Workspace workspace);

    /** Stores name, time zone and default language. */
    void update(Workspace workspace);

    /** The saved widget settings, or empty when the workspace never saved any. */
    Optional<WidgetSettings> widgetSettings(String workspaceId);

    void saveWidgetSettings(String workspaceId, WidgetSettings settings);

    /** The saved business hours, or empty: always open. */
    Optional<BusinessHours> businessHours(String workspaceId);

    void saveBusinessHours(String workspaceId, BusinessHours hours);
}
