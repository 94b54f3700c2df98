package dev.kefu.agent;

import dev.kefu.common.Caller;
import dev.kefu.common.Clock;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.KefuException;
import dev.kefu.common.Tokens;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An agent's own password change, and the reset links an admin hands to an agent who forgot theirs. Kefu may
 * run without e-mail, so a reset is a link the admin passes on, as an invitation is. Blocking.
 */
public final class Passwords {
    static final long RESET_LIFETIME = Duration.ofHours(24).toMillis();

    private final Agents agents;
    private final AgentSessions sessions;
    private final PasswordResets resets;
    private final PasswordHasher hasher;
    private final AuthService auth;
    private final Clock clock;

    public Passwords(Agents agents, AgentSessions sessions, PasswordResets resets, PasswordHasher hasher,
                     AuthService auth, Clock clock) {
        this.agents = agents;
        this.sessions = sessions;
        this.resets = resets;
        this.hasher = hasher;
        this.auth = auth;
        this.clock = clock;
    }

    /**
     * Changes the caller's password after checking the current one, ends their other sessions (whoever else
     * had signed in with the old password is out) and drops their unused reset links.
     *
     * @return the hashes of the sessions ended, so their sockets can be closed
     */
    public List<String> change(Caller.Agent caller, String current, String next) {
        Agent me = agents.find(caller.id()).orElseThrow(KefuException::unauthorized);
        if (current == null || current.length() > AuthService.MAX_PASSWORD || !hasher.matches(current, me.passwordHash())) {
            throw KefuException.forbidden("the current password is wrong");
        }
        AuthService.checkNewPassword(next);
        agents.setPasswordHash(me.id(), hasher.hash(next));
        resets.dropUnused(me.id());
        return sessions.deleteOthersOf(me.id(), caller.sessionHash());
    }

    public record Issued(PasswordReset reset, String token) {
        /** The page that redeems it, under the address users reach Kefu at. */
        public String url(String publicUrl) {
            return publicUrl + "/setup#reset=" + token;
        }
    }

    /**
     * A reset link for an agent of the caller's workspace. The same rules as any change to an agent: admins
     * only, an admin's link only from the owner, and never the owner's or one's own (change it instead).
     */
    public Issued issueReset(Caller.Agent caller, String agentId) {
        return issueFor(AgentAdmin.manageable(agents, caller, agentId));
    }

    /**
     * A reset link for any agent, the owner included, for whoever runs the server ({@code ./kefu
     * --reset-password}): the way back in for an owner who forgot their password.
     */
    public Issued issueResetByOperator(String email) {
        Agent target = agents.findByEmail(email == null ? "" : AuthService.normalise(email))
                .orElseThrow(() -> new KefuException(ErrorCode.NOT_FOUND, "no agent has the e-mail " + email));
        return issueFor(target);
    }

    /**
     * A reset link for the active agent with this e-mail, asked for by whoever can read that mailbox; empty for an
     * unknown or deactivated address, which the caller must not reveal.
     */
    public Optional<Issued> issueResetForMailbox(String email) {
        if (email == null || email.length() > 320) {
            return Optional.empty();
        }
        return agents.findByEmail(AuthService.normalise(email)).filter(Agent::active)
                .map(this::issueFor);
    }

    private Issued issueFor(Agent target) {
        if (!target.active()) {
            throw KefuException.invalid("the agent is deactivated; reactivate them first");
        }
        String token = Tokens.random("");
        long now = clock.millis();
        PasswordReset reset = new PasswordReset(Tokens.sha256(token), target.workspaceId(), target.id(), now,
                now + RESET_LIFETIME, null);
        resets.issue(reset);
        return new Issued(reset, token);
    }

    /** Sets the new password of the link's agent, ends all their sessions, and signs them in. */
    public AuthService.Login reset(String token, String password) {
        if (token == null || token.length() > 200) {
            throw KefuException.unauthorized();
        }
        PasswordReset reset = resets.byToken(Tokens.sha256(token)).orElseThrow(KefuException::unauthorized);
        if (reset.usedAt() != null) {
            throw new KefuException(ErrorCode.CONFLICT, "this link was already used");
        }
        if (reset.expiresAt() < clock.millis()) {
            throw KefuException.unauthorized();
        }
        AuthService.checkNewPassword(password);
        Agent agent = agents.find(reset.agentId()).filter(Agent::active).orElseThrow(KefuException::unauthorized);
        if (!resets.redeem(reset, hasher.hash(password), clock.millis())) {
            throw new KefuException(ErrorCode.CONFLICT, "this link was already used");
        }
        return auth.sessionFor(agent);
    }
}
