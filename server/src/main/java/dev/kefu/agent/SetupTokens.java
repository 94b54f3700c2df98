package dev.kefu.agent;

import java.util.Optional;

/** Port: one-time tokens that let the first owner of a workspace set a password. */
public interface SetupTokens {
    /** Stores a new token hash for the workspace, replacing any unused one. */
    void issue(String workspaceId, String tokenHash, long expiresAt);

    /** The workspace of an unused, unexpired token. */
    Optional<String> workspaceOf(String tokenHash, long now);

    /**
     * Marks the token used and creates the owner in one transaction.
     *
     * @return false when the token was already used (nothing is created)
     */
    boolean redeem(String tokenHash, long now, Agent owner, String workspaceName);
}
