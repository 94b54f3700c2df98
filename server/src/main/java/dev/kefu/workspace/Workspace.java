package dev.kefu.workspace;

/** A tenant: one company using Kefu. Every other record belongs to exactly one workspace. */
public record Workspace(String id, String name, String timezone, String defaultLanguage, long createdAt) {

    public Workspace(String id, String name, long createdAt) {
        this(id, name, "UTC", "en", createdAt);
    }
}
