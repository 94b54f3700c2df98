package dev.kefu.workspace;

import dev.kefu.common.Caller;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.KefuException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.function.Predicate;

/** Workspace and widget settings. Blocking; call from virtual threads. */
public final class WorkspaceService {
    private final Workspaces workspaces;
    private final Predicate<String> anyAgentOnline;
    /** Sites allowed to frame each workspace's widget, kept in memory for the event loop that serves the panel. */
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.List<String>> framers =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** @param anyAgentOnline tells whether an agent of the workspace is online now */
    public WorkspaceService(Workspaces workspaces, Predicate<String> anyAgentOnline) {
        this.workspaces = workspaces;
        this.anyAgentOnline = anyAgentOnline;
        for (Workspace w : workspaces.all()) {
            workspaces.widgetSettings(w.id()).ifPresent(ws -> framers.put(w.id(), ws.allowedOrigins()));
        }
    }

    /** Reads the sites allowed to frame each widget again (another node of a cluster may have changed them). */
    public void reload() {
        for (Workspace w : workspaces.all()) {
            workspaces.widgetSettings(w.id()).ifPresent(ws -> framers.put(w.id(), ws.allowedOrigins()));
        }
    }

    /** The origins allowed to embed a workspace's widget (empty: any). Never blocks; any thread. */
    public java.util.List<String> allowedOrigins(String workspaceId) {
        return workspaceId == null ? java.util.List.of() : framers.getOrDefault(workspaceId, java.util.List.of());
    }

    public Workspace get(Caller caller) {
        return workspaces.find(caller.workspaceId()).orElseThrow(KefuException::unauthorized);
    }

    /** Changes any of name, time zone and default language (null leaves one as it is). Admins only. */
    public Workspace update(Caller.Agent caller, String name, String timezone, String defaultLanguage) {
        caller.requireAdmin();
        Workspace w = get(caller);
        if (name != null && (name.isBlank() || name.length() > 80)) {
            throw KefuException.invalid("name must have 1 to 80 characters");
        }
        if (timezone != null) {
            try {
                ZoneId.of(timezone);
            } catch (DateTimeException e) {
                throw KefuException.invalid("timezone must be an IANA time zone such as Asia/Shanghai");
            }
        }
        if (defaultLanguage != null && !WidgetSettings.LANGUAGES.contains(defaultLanguage)) {
            throw KefuException.invalid("defaultLanguage must be en or zh-CN");
        }
        Workspace updated = new Workspace(w.id(), name != null ? name.strip() : w.name(),
                timezone != null ? timezone : w.timezone(), defaultLanguage != null ? defaultLanguage : w.defaultLanguage(),
                w.createdAt());
        workspaces.update(updated);
        return updated;
    }

    public WidgetSettings widget(Caller.Agent caller) {
        caller.requireAdmin();
        return settingsOf(get(caller));
    }

    public WidgetSettings saveWidget(Caller.Agent caller, WidgetSettings settings) {
        caller.requireAdmin();
        workspaces.saveWidgetSettings(caller.workspaceId(), settings.validate());
        framers.put(caller.workspaceId(), java.util.List.copyOf(settings.allowedOrigins()));
        return settings;
    }

    /**
     * What a visitor's widget may know: the settings without the admin-only parts, whether it is within business
     * hours, and whether anyone is there to chat (online: within hours and an agent online).
     */
    public record PublicWidget(String workspaceId, WidgetSettings settings, boolean online, boolean withinHours) {
    }

    public PublicWidget publicWidget(String workspaceId) {
        Workspace w = workspaces.find(workspaceId)
                .orElseThrow(() -> new KefuException(ErrorCode.NOT_FOUND, "no such workspace"));
        boolean open = isOpen(w);
        // The bot answering first counts as someone to chat with: a bot-only night shift needs no offline form.
        boolean online = open && anyAgentOnline.test(w.id()) || botAnswers.test(w.id());
        return new PublicWidget(w.id(), settingsOf(w), online, open);
    }

    private java.util.function.Predicate<String> botAnswers = workspaceId -> false;

    /** Tells the widget whether the bot answers new conversations of a workspace (wired after the bot exists). */
    public void botAnswers(java.util.function.Predicate<String> answers) {
        this.botAnswers = answers;
    }

    /** Whether the workspace is within its business hours now. Blocking. */
    public boolean withinHours(String workspaceId) {
        return workspaces.find(workspaceId).map(this::isOpen).orElse(true);
    }

    private boolean isOpen(Workspace w) {
        return workspaces.businessHours(w.id()).orElse(BusinessHours.ALWAYS)
                .isOpen(ZonedDateTime.now(ZoneId.of(w.timezone())));
    }

    public BusinessHours hours(Caller.Agent caller) {
        return workspaces.businessHours(caller.workspaceId()).orElse(BusinessHours.ALWAYS);
    }

    public BusinessHours saveHours(Caller.Agent caller, BusinessHours hours) {
        caller.requireAdmin();
        workspaces.saveBusinessHours(caller.workspaceId(), hours.validate());
        return hours;
    }

    private WidgetSettings settingsOf(Workspace w) {
        return workspaces.widgetSettings(w.id()).orElseGet(() -> WidgetSettings.defaults(w.name()));
    }
}
