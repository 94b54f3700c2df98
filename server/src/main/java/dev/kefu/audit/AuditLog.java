package dev.kefu.audit;

import java.util.List;

/** Port: the stored audit log. Blocking; call from virtual threads. */
public interface AuditLog {
    void record(AuditEntry entry);

    /** Newest first, older than {@code before} (null: from the newest), optionally only one action (prefix). */
    List<AuditEntry> list(String workspaceId, Long before, String actionPrefix, int limit);
}
