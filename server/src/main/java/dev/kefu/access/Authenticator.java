package dev.kefu.access;

import dev.kefu.agent.AuthService;
import dev.kefu.common.Caller;
import dev.kefu.visitor.VisitorService;
import dev.kefu.visitor.VisitorTokens;
import java.util.Optional;

/** Resolves a bearer token, visitor or agent, to its caller. Blocking for agents (a session lookup). */
public final class Authenticator {
    private final AuthService agents;
    private final VisitorService visitors;

    public Authenticator(AuthService agents, VisitorService visitors) {
        this.agents = agents;
        this.visitors = visitors;
    }

    public Optional<Caller> caller(String token) {
        if (token == null) {
            return Optional.empty();
        }
        if (token.startsWith(VisitorTokens.PREFIX)) {
            return visitors.authenticate(token).map(Caller.class::cast);
        }
        if (token.startsWith(AuthService.SESSION_PREFIX)) {
            return agents.authenticate(token).map(Caller.class::cast);
        }
        return Optional.empty();
    }
}
