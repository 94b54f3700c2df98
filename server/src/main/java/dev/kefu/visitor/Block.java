package dev.kefu.visitor;

/**
 * A refusal of service to an IP address, a network or a visitor of one workspace.
 *
 * @param target    the normalised address ("203.0.113.7", "2001:db8::1"), network ("203.0.113.0/24") or visitor id
 * @param expiresAt when it stops applying (0: never)
 * @param createdBy the agent who added it
 */
public record Block(String id, String workspaceId, Kind kind, String target, String reason, long expiresAt,
                    String createdBy, long createdAt) {

    /** True while the block applies. */
    public boolean activeAt(long now) {
        return expiresAt == 0 || expiresAt > now;
    }

    /** What a block matches. */
    public enum Kind {
        IP, CIDR, VISITOR;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static java.util.Optional<Kind> parse(String s) {
            for (Kind k : values()) {
                if (k.wire().equals(s)) {
                    return java.util.Optional.of(k);
                }
            }
            return java.util.Optional.empty();
        }
    }
}
