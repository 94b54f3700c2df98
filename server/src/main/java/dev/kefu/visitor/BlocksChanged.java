package dev.kefu.visitor;

/** A block was added or lifted in a workspace: every node reloads the workspace's blocks and acts on them at once. */
public record BlocksChanged(String workspaceId) {
}
