package dev.kefu.audit;

/**
 * One recorded action: who ({@code actorKind} agent, visitor or system, and id), what ({@code action}, e.g.
 * {@code login}, {@code conversation.transfer}, {@code routing.settings}), on what, with details as JSON.
 */
public record AuditEntry(String id, String workspaceId, String actorKind, String actorId, String action,
                         String targetKind, String targetId, String detail, long at) {
}
