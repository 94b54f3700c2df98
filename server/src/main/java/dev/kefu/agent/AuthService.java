package dev.kefu.agent;

import dev.kefu.common.Caller;
import dev.kefu.common.Clock;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.Ids;
import dev.kefu.common.KefuException;
import dev.kefu.common.Tokens;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Agent login, logout, session checks and the first owner's setup. Blocking; call from virtual threads. */
public final class AuthService {
    public static final String SESSION_PREFIX = "s1.";
    static final long SESSION_LIFETIME = Duration.ofDays(14).toMillis();
    static final int MIN_PASSWORD = 10;
    static final int MAX_PASSWORD = 200;

    private final Agents agents;
    private final AgentSessions sessions;
    private final SetupTokens setupTokens;
    private final PasswordHasher hasher;
    private final Clock clock;
    /** Compared against when the e-mail is unknown, so a wrong e-mail costs as much time as a wrong password. */
    private volatile String decoyHash;

    /** Told of every sign-in attempt for a known agent (for the audit log): the agent, and whether it succeeded. */
    public interface LoginListener {
        void attempted(Agent agent, boolean succeeded);
    }

    private final LoginListener logins;

    public AuthService(Agents agents, AgentSessions sessions, SetupTokens setupTokens, PasswordHasher hasher,
                       Clock clock, LoginListener logins) {
        this.logins = logins;
        this.agents = agents;
        this.sessions = sessions;
        this.setupTokens = setupTokens;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** Made on first need rather than at start-up: hashing costs tens of megabytes and milliseconds. */
    private String decoy() {
        String d = decoyHash;
        if (d == null) {
            d = hasher.hash(Tokens.random("decoy"));
            decoyHash = d;
        }
        return d;
    }

    public record Login(String token, long expiresAt, Agent agent) {
    }

    public Login login(String email, String password) {
        if (email == null || password == null || password.length() > MAX_PASSWORD) {
            throw KefuException.unauthorized();
        }
        Optional<Agent> agent = agents.findByEmail(normalise(email));
        if (agent.isEmpty()) {
            hasher.matches(password, decoy());
            throw new KefuException(ErrorCode.UNAUTHORIZED, "wrong e-mail or password");
        }
        if (!hasher.matches(password, agent.get().passwordHash()) || !agent.get().active()) {
            logins.attempted(agent.get(), false);
            throw new KefuException(ErrorCode.UNAUTHORIZED, "wrong e-mail or password");
        }
        logins.attempted(agent.get(), true);
        return openSession(agent.get());
    }

    public void logout(Caller.Agent caller) {
        sessions.delete(caller.sessionHash());
    }

    /** The agent behind a session token, if the session exists, is unexpired and the agent is active. */
    public Optional<Caller.Agent> authenticate(String token) {
        if (token == null || !token.startsWith(SESSION_PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        String hash = Tokens.sha256(token);
        return sessions.find(hash)
                .filter(s -> s.expiresAt() > clock.millis())
                .flatMap(s -> agents.find(s.agentId()))
                .filter(Agent::active)
                .map(a -> new Caller.Agent(a.workspaceId(), a.id(), a.role().wire(), hash));
    }

    public Agent me(Caller.Agent caller) {
        return agents.find(caller.id()).orElseThrow(KefuException::unauthorized);
    }

    /** Issues a fresh one-time setup token for the workspace's first owner; returns the token itself. */
    public String issueSetupToken(String workspaceId) {
        String token = Tokens.random("");
        setupTokens.issue(workspaceId, Tokens.sha256(token), clock.millis() + Duration.ofHours(24).toMillis());
        return token;
    }

    public boolean setupTokenValid(String token) {
        return token != null && setupTokens.workspaceOf(Tokens.sha256(token), clock.millis()).isPresent();
    }

    public Login setup(String token, String workspaceName, String name, String email, String password) {
        if (token == null) {
            throw KefuException.invalid("token is required");
        }
        String hash = Tokens.sha256(token);
        String workspaceId = setupTokens.workspaceOf(hash, clock.millis())
                .orElseThrow(() -> new KefuException(ErrorCode.CONFLICT, "setup link is invalid, expired or used"));
        Agent owner = newAgent(workspaceId, name, email, password, Role.OWNER);
        String wsName = workspaceName == null || workspaceName.isBlank() ? null : workspaceName.strip();
        if (wsName != null && wsName.length() > 200) {
            throw KefuException.invalid("workspaceName is longer than 200 characters");
        }
        if (!setupTokens.redeem(hash, clock.millis(), owner, wsName)) {
            throw new KefuException(ErrorCode.CONFLICT, "setup link is invalid, expired or used");
        }
        return openSession(owner);
    }

    /** Validates and hashes a new agent's credentials. */
    public Agent newAgent(String workspaceId, String name, String email, String password, Role role) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw KefuException.invalid("name is required (at most 100 characters)");
        }
        if (!isEmailAddress(email)) {
            throw KefuException.invalid("email is not a valid e-mail address");
        }
        checkNewPassword(password);
        return new Agent(Ids.next(), workspaceId, normalise(email), name.strip(), role, hasher.hash(password), true,
                clock.millis());
    }

    static void checkNewPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw KefuException.invalid("password must have " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
    }

    /** Opens a session for an agent just created or changed by another use case (an invitation, a reset). */
    public Login sessionFor(Agent agent) {
        return openSession(agent);
    }

    private Login openSession(Agent agent) {
        String token = Tokens.random(SESSION_PREFIX);
        long now = clock.millis();
        long expires = now + SESSION_LIFETIME;
        sessions.create(new AgentSession(Tokens.sha256(token), agent.workspaceId(), agent.id(), now, expires));
        return new Login(token, expires, agent);
    }

    /** The shape every stored agent e-mail has: something, one @, something, no spaces. */
    public static boolean isEmailAddress(String email) {
        return email != null && email.matches("[^@\\s]{1,64}@[^@\\s]{1,255}");
    }

    static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
