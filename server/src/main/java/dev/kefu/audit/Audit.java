package dev.kefu.audit;

import dev.kefu.common.Caller;
import dev.kefu.common.Clock;
import dev.kefu.common.Ids;
import java.util.List;

/**
 * Records who did what and when, and shows it to admins. Conversation moves are recorded by the store in the
 * same transaction as the move itself; everything else comes through here. Blocking.
 */
public final class Audit {
    public static final int MAX_PAGE = 200;

    private final AuditLog log;
    private final Clock clock;

    public Audit(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** An agent's action; {@code detail} is a JSON object text or null. */
    public void agent(Caller.Agent actor, String action, String targetKind, String targetId, String detail) {
        log.record(new AuditEntry(Ids.next(), actor.workspaceId(), "agent", actor.id(), action, targetKind, targetId,
                detail, clock.millis()));
    }

    /** An action by someone not signed in (a failed login) or by Kefu itself. */
    public void anonymous(String workspaceId, String actorKind, String actorId, String action, String detail) {
        log.record(new AuditEntry(Ids.next(), workspaceId, actorKind, actorId, action, null, null, detail,
                clock.millis()));
    }

    public List<AuditEntry> list(Caller.Agent caller, Long before, String actionPrefix, int limit) {
        caller.requireAdmin();
        return log.list(caller.workspaceId(), before, actionPrefix, Math.max(1, Math.min(MAX_PAGE, limit)));
    }
}
