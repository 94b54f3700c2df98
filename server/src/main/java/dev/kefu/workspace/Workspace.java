package dev.kefu.workspace;

/** A tenant: one company using Kefu. Every other record belongs to exactly one workspace. */
public record Workspace(String id, String name, long createdAt) {
}
