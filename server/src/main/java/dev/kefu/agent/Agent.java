package dev.kefu.agent;

/** A person who answers visitors. {@code passwordHash} is an Argon2id hash in PHC string form. */
public record Agent(String id, String workspaceId, String email, String name, Role role, String passwordHash,
                    boolean active, long createdAt) {
}
