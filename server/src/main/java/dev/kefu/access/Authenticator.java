package dev.kefu.access;

import dev.kefu.agent.AuthService;
import dev.kefu.common.Caller;
import dev.kefu.visitor.BlockList;
import dev.kefu.visitor.VisitorService;
import dev.kefu.visitor.VisitorTokens;
import java.util.Optional;

/**
 * Resolves a bearer token, visitor or agent, to its caller. Blocking for agents (a session lookup). Given the
 * client's IP, it also refuses blocked visitors, so no REST call or WebSocket of theirs gets through.
 */
public final class Authenticator {
    private final AuthService agents;
    private final VisitorService visitors;
    private final BlockList blocks;

    public Authenticator(AuthService agents, VisitorService visitors, BlockList blocks) {
        this.agents = agents;
        this.visitors = visitors;
        this.blocks = blocks;
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

    /** Like {@link #caller(String)}; BLOCKED for a visitor who, or whose IP address, is blocked. */
    public Optional<Caller> caller(String token, String ip) {
        Optional<Caller> caller = caller(token);
        if (caller.isPresent() && caller.get() instanceof Caller.Visitor v) {
            blocks.check(v, ip);
        }
        return caller;
    }
}
