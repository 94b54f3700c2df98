package dev.kefu.bench.baseline;

/**
 * Who is on the other end of one baseline WebSocket, fixed at the handshake.
 *
 * @param visitor the visitor, or null for an agent
 */
record RelaySession(Role role, String id, String workspaceId, RelayVisitor visitor) {

    enum Role {
        VISITOR, AGENT;

        String wire() {
            return this == VISITOR ? "visitor" : "agent";
        }
    }
}
