package dev.kefu.agent;

import java.util.Optional;

/** Port: password-reset links. Blocking; call from virtual threads. */
public interface PasswordResets {
    /** Stores the reset, dropping any unused one of the same agent: only the newest link works. */
    void issue(PasswordReset reset);

    Optional<PasswordReset> byToken(String tokenHash);

    /** Drops the agent's unused links (their password just changed, so a link made before is stale). */
    void dropUnused(String agentId);

    /**
     * In one transaction: marks the reset used, stores the agent's new password hash and ends every session of
     * the agent.
     *
     * @return false when it was used meanwhile (nothing changed)
     */
    boolean redeem(PasswordReset reset, String newPasswordHash, long now);
}
