package dev.kefu.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.agent.AuthService;
import dev.kefu.common.Caller;
import dev.kefu.http.Request;
import dev.kefu.http.Response;
import dev.kefu.http.Router;
import dev.kefu.json.Json;
import dev.kefu.json.Views;
import java.time.Duration;
import java.util.function.Consumer;

/** Login, logout, the current agent, and the first owner's setup (docs/api.md). */
public final class AuthApi {
    private final AuthService auth;
    private final Callers callers;
    private final Consumer<String> sessionClosed;
    private final dev.kefu.agent.Presence presence;
    private final RateLimits logins = new RateLimits(10, Duration.ofSeconds(6));

    /** @param sessionClosed told the hash of a session that just ended, to close its WebSockets */
    public AuthApi(AuthService auth, Callers callers, dev.kefu.agent.Presence presence, Consumer<String> sessionClosed) {
        this.presence = presence;
        this.auth = auth;
        this.callers = callers;
        this.sessionClosed = sessionClosed;
    }

    public void routes(Router router) {
        router.post("/api/v1/auth/login", this::login);
        router.post("/api/v1/auth/logout", this::logout);
        router.get("/api/v1/setup", r -> Response.ok(Json.MAPPER.createObjectNode()
                .put("valid", auth.setupTokenValid(r.query("token")))));
        router.post("/api/v1/setup", this::setup);
    }

    private Response login(Request r) {
        logins.check(r.clientIp());
        ObjectNode body = r.json();
        AuthService.Login login = auth.login(Json.string(body, "email", 320), Json.string(body, "password", 1000));
        return session(200, login, presence.status(login.agent().id()));
    }

    private Response logout(Request r) {
        Caller.Agent agent = callers.requireAgent(r);
        auth.logout(agent);
        sessionClosed.accept(agent.sessionHash());
        return Response.noContent().header("Set-Cookie", Callers.SESSION_COOKIE
                + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    }

    private Response setup(Request r) {
        logins.check(r.clientIp());
        ObjectNode body = r.json();
        AuthService.Login login = auth.setup(Json.string(body, "token", 200), Json.string(body, "workspaceName", 1000),
                Json.string(body, "name", 1000), Json.string(body, "email", 1000), Json.string(body, "password", 1000));
        return session(201, login, presence.status(login.agent().id()));
    }

    /** The answer to a successful login: token, expiry, the agent, and the session cookie. */
    static Response session(int status, AuthService.Login login, dev.kefu.agent.PresenceStatus presence) {
        ObjectNode out = Json.MAPPER.createObjectNode().put("token", login.token()).put("expiresAt", login.expiresAt());
        out.set("agent", Views.agent(login.agent(), presence));
        long maxAge = Math.max(0, (login.expiresAt() - System.currentTimeMillis()) / 1000);
        return Response.json(status, out).header("Set-Cookie", Callers.SESSION_COOKIE + "=" + login.token()
                + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict");
    }
}
