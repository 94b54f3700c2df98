package dev.kefu.agent;

import dev.kefu.common.Caller;
import dev.kefu.common.Clock;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.Ids;
import dev.kefu.common.KefuException;
import dev.kefu.common.Tokens;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** The agents of a workspace: listing, roles, deactivation, and invitations by link. Blocking. */
public final class AgentAdmin {
    static final long INVITE_LIFETIME = Duration.ofDays(7).toMillis();

    private final Agents agents;
    private final AgentSessions sessions;
    private final Invites invites;
    private final AuthService auth;
    private final Presence presence;
    private final Clock clock;
    private final Consumer<String> agentDeactivated;

    /** @param agentDeactivated told the id of an agent whose sessions just ended, to close its sockets */
    public AgentAdmin(Agents agents, AgentSessions sessions, Invites invites, AuthService auth, Presence presence,
                      Clock clock, Consumer<String> agentDeactivated) {
        this.agents = agents;
        this.sessions = sessions;
        this.invites = invites;
        this.auth = auth;
        this.presence = presence;
        this.clock = clock;
        this.agentDeactivated = agentDeactivated;
    }

    public record Member(Agent agent, PresenceStatus presence) {
    }

    /** Every agent of the caller's workspace, deactivated ones included, by name. Any role. */
    public List<Member> list(Caller.Agent caller) {
        return agents.inWorkspace(caller.workspaceId()).stream()
                .sorted(Comparator.comparing(a -> a.name().toLowerCase(Locale.ROOT)))
                .map(a -> new Member(a, presence.status(a.id())))
                .toList();
    }

    public Member member(Agent a) {
        return new Member(a, presence.status(a.id()));
    }

    /** Changes an agent's role and/or active flag. Admins only; the owner and oneself are off limits. */
    public Agent update(Caller.Agent caller, String agentId, Role role, Boolean active) {
        Agent target = manageable(agents, caller, agentId);
        if (role == Role.OWNER) {
            throw KefuException.invalid("role must be admin or agent");
        }
        Agent updated = new Agent(target.id(), target.workspaceId(), target.email(), target.name(),
                role != null ? role : target.role(), target.passwordHash(), active != null ? active : target.active(),
                target.createdAt());
        agents.update(updated);
        if (target.active() && !updated.active()) {
            sessions.deleteAllOf(target.id());
            agentDeactivated.accept(target.id());
        }
        return updated;
    }

    /**
     * The agent of the caller's workspace that the caller may change (role, activity, a password reset): admins
     * only; never the owner or oneself; an admin only by the owner. NOT_FOUND for another workspace's.
     */
    static Agent manageable(Agents agents, Caller.Agent caller, String agentId) {
        caller.requireAdmin();
        Agent target = agents.find(agentId).filter(a -> a.workspaceId().equals(caller.workspaceId()))
                .orElseThrow(() -> new KefuException(ErrorCode.NOT_FOUND, "no such agent"));
        if (target.role() == Role.OWNER || target.id().equals(caller.id())) {
            throw KefuException.forbidden("the owner and your own account cannot be changed here");
        }
        if (target.role() == Role.ADMIN && !caller.isOwner()) {
            throw KefuException.forbidden("only the owner can change an admin");
        }
        return target;
    }

    public record Issued(Invite invite, String token) {
    }

    public Issued invite(Caller.Agent caller, String email, Role role) {
        caller.requireAdmin();
        if (role == null || role == Role.OWNER) {
            throw KefuException.invalid("role must be admin or agent");
        }
        if (!AuthService.isEmailAddress(email)) {
            throw KefuException.invalid("email is not a valid e-mail address");
        }
        String normalised = AuthService.normalise(email);
        if (agents.findByEmail(normalised).filter(Agent::active).isPresent()) {
            throw new KefuException(ErrorCode.CONFLICT, "an agent with this e-mail already exists");
        }
        String token = Tokens.random("");
        long now = clock.millis();
        Invite invite = new Invite(Ids.next(), caller.workspaceId(), normalised, role, Tokens.sha256(token),
                now + INVITE_LIFETIME, now, null);
        invites.create(invite);
        return new Issued(invite, token);
    }

    public List<Invite> invites(Caller.Agent caller) {
        caller.requireAdmin();
        return invites.pending(caller.workspaceId(), clock.millis());
    }

    public void revoke(Caller.Agent caller, String inviteId) {
        caller.requireAdmin();
        if (!invites.delete(caller.workspaceId(), inviteId)) {
            throw new KefuException(ErrorCode.NOT_FOUND, "no such invite");
        }
    }

    /** Creates the invited agent with the chosen name and password and logs them in. */
    public AuthService.Login accept(String token, String name, String password) {
        if (token == null || token.length() > 200) {
            throw KefuException.unauthorized();
        }
        Invite invite = invites.byToken(Tokens.sha256(token)).orElseThrow(KefuException::unauthorized);
        if (invite.usedAt() != null) {
            throw new KefuException(ErrorCode.CONFLICT, "this invitation was already used");
        }
        if (invite.expiresAt() < clock.millis()) {
            throw KefuException.unauthorized();
        }
        Agent agent = auth.newAgent(invite.workspaceId(), name, invite.email(), password, invite.role());
        if (!invites.redeem(invite, agent, clock.millis())) {
            throw new KefuException(ErrorCode.CONFLICT, "this invitation was already used");
        }
        return auth.sessionFor(agent);
    }
}
