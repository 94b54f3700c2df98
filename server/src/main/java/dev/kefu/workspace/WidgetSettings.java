package dev.kefu.workspace;

import dev.kefu.common.KefuException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a workspace's chat widget looks and behaves. {@code allowedOrigins} (sites allowed to embed the
 * widget; empty means any) is for admins only and never sent to visitors.
 */
public record WidgetSettings(String name, String color, String position, Map<String, String> greeting,
                             PreChat preChat, List<String> languages, String defaultLanguage,
                             List<String> allowedOrigins) {
    public static final List<String> LANGUAGES = List.of("en", "zh-CN");
    private static final Set<String> RULES = Set.of("off", "optional", "required");

    /** Whether the visitor is asked for name and e-mail before chatting, and how firmly. */
    public record PreChat(boolean enabled, String name, String email) {
    }

    public static WidgetSettings defaults(String workspaceName) {
        return new WidgetSettings(workspaceName, "#2563eb", "right", Map.of(), new PreChat(false, "optional", "optional"),
                LANGUAGES, "en", List.of());
    }

    /** INVALID, naming the field, for anything out of bounds. */
    public WidgetSettings validate() {
        if (name == null || name.length() > 80) {
            throw KefuException.invalid("name is required (at most 80 characters)");
        }
        if (color == null || !color.matches("#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")) {
            throw KefuException.invalid("color must be #rgb or #rrggbb");
        }
        if (!"left".equals(position) && !"right".equals(position)) {
            throw KefuException.invalid("position must be left or right");
        }
        if (greeting == null || greeting.size() > LANGUAGES.size()) {
            throw KefuException.invalid("greeting must map en and zh-CN to texts");
        }
        greeting.forEach((lang, text) -> {
            if (!LANGUAGES.contains(lang) || text == null || text.length() > 500) {
                throw KefuException.invalid("greeting keys must be en or zh-CN, texts at most 500 characters");
            }
        });
        if (preChat == null || !RULES.contains(preChat.name()) || !RULES.contains(preChat.email())) {
            throw KefuException.invalid("preChat.name and preChat.email must be off, optional or required");
        }
        if (languages == null || languages.isEmpty() || !LANGUAGES.containsAll(languages)
                || new HashSet<>(languages).size() != languages.size()) {
            throw KefuException.invalid("languages must be a non-empty subset of en, zh-CN without duplicates");
        }
        if (defaultLanguage == null || !languages.contains(defaultLanguage)) {
            throw KefuException.invalid("defaultLanguage must be one of languages");
        }
        if (allowedOrigins == null || allowedOrigins.size() > 50) {
            throw KefuException.invalid("allowedOrigins must have at most 50 entries");
        }
        for (String origin : allowedOrigins) {
            if (origin == null || !origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
                throw KefuException.invalid("allowedOrigins entries must look like https://host[:port]");
            }
        }
        return this;
    }
}
