package dev.kefu.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.agent.AuthService;
import dev.kefu.agent.Passwords;
import dev.kefu.agent.PresenceStatus;
import dev.kefu.audit.Audit;
import dev.kefu.common.Caller;
import dev.kefu.http.Request;
import dev.kefu.http.Response;
import dev.kefu.http.Router;
import dev.kefu.json.Json;
import dev.kefu.mail.PasswordMail;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/** Changing one's password, and reset links for agents who forgot theirs (docs/api.md, "Passwords"). */
public final class PasswordApi {
    private final Passwords passwords;
    private final Callers callers;
    private final Audit audit;
    private final String publicUrl;
    private final Consumer<String> sessionClosed;
    private final Consumer<String> agentSignedOut;
    private final PasswordMail mail;
    /** Checking the current password costs a hash; a stolen session must not make it a guessing oracle. */
    private final RateLimits changes = new RateLimits(5, Duration.ofSeconds(12));
    /** Per client IP, for the two endpoints anyone may call, as for login. */
    private final RateLimits perClient = new RateLimits(10, Duration.ofSeconds(6));
    /** Per address as well as per client: nobody fills a mailbox with reset e-mails. */
    private final RateLimits mailsPerAddress = new RateLimits(3, Duration.ofMinutes(10));

    /**
     * @param sessionClosed  told the hash of a session just ended, to close its WebSockets
     * @param agentSignedOut told the id of an agent whose sessions all just ended
     */
    public PasswordApi(Passwords passwords, PasswordMail mail, Callers callers, Audit audit, String publicUrl,
                       Consumer<String> sessionClosed, Consumer<String> agentSignedOut) {
        this.mail = mail;
        this.passwords = passwords;
        this.callers = callers;
        this.audit = audit;
        this.publicUrl = publicUrl;
        this.sessionClosed = sessionClosed;
        this.agentSignedOut = agentSignedOut;
    }

    public void routes(Router router) {
        router.put("/api/v1/me/password", this::change);
        router.post("/api/v1/agents/{id}/password-reset", this::issue);
        router.post("/api/v1/auth/password-reset", this::redeem);
        router.post("/api/v1/auth/forgot-password", this::forgot);
    }

    private Response forgot(Request r) {
        perClient.check(r.clientIp());
        String email = Json.string(r.json(), "email", 320);
        if (email != null) {
            mailsPerAddress.check(email.strip().toLowerCase(Locale.ROOT));
        }
        mail.sendResetLink(email);
        return Response.json(202, Json.MAPPER.createObjectNode().put("status", "sent if the address has an account"));
    }

    private Response change(Request r) {
        Caller.Agent a = callers.requireAgent(r);
        changes.check(a.id());
        ObjectNode body = r.json();
        passwords.change(a, Json.string(body, "currentPassword", 1000), Json.string(body, "password", 1000))
                .forEach(sessionClosed);
        audit.agent(a, "password.change", "agent", a.id(), null);
        return Response.noContent();
    }

    private Response issue(Request r) {
        Caller.Agent a = callers.requireAgent(r);
        Passwords.Issued issued = passwords.issueReset(a, r.param("id"));
        audit.agent(a, "agent.password_reset", "agent", issued.reset().agentId(), null);
        ObjectNode out = Json.MAPPER.createObjectNode()
                .put("url", issued.url(publicUrl))
                .put("expiresAt", issued.reset().expiresAt());
        return Response.json(201, out);
    }

    private Response redeem(Request r) {
        perClient.check(r.clientIp());
        ObjectNode body = r.json();
        AuthService.Login login = passwords.reset(Json.string(body, "token", 300), Json.string(body, "password", 1000));
        agentSignedOut.accept(login.agent().id());
        audit.anonymous(login.agent().workspaceId(), "agent", login.agent().id(), "password.reset", null);
        return AuthApi.session(200, login, PresenceStatus.OFFLINE);
    }
}
