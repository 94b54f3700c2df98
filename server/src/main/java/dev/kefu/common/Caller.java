package dev.kefu.common;

/** Who is asking: every domain command takes the caller explicitly (never a thread-global). */
public sealed interface Caller {
    String workspaceId();

    /** The visitor's or agent's id. */
    String id();

    record Visitor(String workspaceId, String id) implements Caller {
    }

    /** An agent acting through one login session; {@code sessionHash} lets logout close that session's sockets. */
    record Agent(String workspaceId, String id, String role, String sessionHash) implements Caller {
        public boolean isAdmin() {
            return role.equals("owner") || role.equals("admin");
        }

        public boolean isOwner() {
            return role.equals("owner");
        }

        /** FORBIDDEN unless the agent is an owner or admin. */
        public Agent requireAdmin() {
            if (!isAdmin()) {
                throw KefuException.forbidden("admins only");
            }
            return this;
        }
    }
}
