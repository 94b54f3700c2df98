package dev.kefu.agent;

import java.util.List;
import java.util.Optional;

/** Port: invitations. Blocking; call from virtual threads. */
public interface Invites {
    /** Stores the invite, replacing any unused one for the same e-mail in the workspace. */
    void create(Invite invite);

    /** Unused, unexpired invites of a workspace, newest first. */
    List<Invite> pending(String workspaceId, long now);

    boolean delete(String workspaceId, String id);

    Optional<Invite> byToken(String tokenHash);

    /**
     * Marks the invite used and creates the agent, in one transaction.
     *
     * @return false when it was used meanwhile (nothing created)
     */
    boolean redeem(Invite invite, Agent agent, long now);
}
