package dev.kefu.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.support.Http;
import dev.kefu.support.TestServer;
import dev.kefu.support.WsClient;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Changing one's own password, and reset links an admin hands to an agent who forgot theirs. */
class PasswordsTest {
    static final String NEW_PASSWORD = "a much better passphrase";

    TestServer server;
    TestServer.Agent owner;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.sqlite();
        owner = server.owner();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    String email(TestServer.Agent a) {
        return server.http.get("/api/v1/me", a.token()).json().get("email").asText();
    }

    Http.Reply login(String email, String password) {
        return server.http.post("/api/v1/auth/login", null, Map.of("email", email, "password", password));
    }

    Http.Reply change(TestServer.Agent a, Object current, Object next) {
        java.util.Map<String, Object> body = new java.util.HashMap<>();
        body.put("currentPassword", current);
        body.put("password", next);
        return server.http.put("/api/v1/me/password", a.token(), body);
    }

    @Test
    void an_agent_changes_their_password_and_every_other_session_ends() throws Exception {
        TestServer.Agent bob = server.invite("Bob", "agent");
        String email = email(bob);
        String otherTab = login(email, TestServer.PASSWORD).json().get("token").asText();
        try (WsClient otherSocket = server.connect(otherTab); WsClient mySocket = server.connect(bob.token())) {
            otherSocket.await("hello");
            mySocket.await("hello");

            assertThat(change(bob, "not my password", NEW_PASSWORD).errorCode()).isEqualTo("forbidden");
            assertThat(change(bob, TestServer.PASSWORD, "short").errorCode()).isEqualTo("invalid");
            assertThat(change(bob, null, NEW_PASSWORD).errorCode()).isEqualTo("forbidden");
            assertThat(server.http.put("/api/v1/me/password", null, Map.of("currentPassword", TestServer.PASSWORD,
                    "password", NEW_PASSWORD)).status()).isEqualTo(401);
            assertThat(server.http.put("/api/v1/me/password", bob.token(), "{not json").errorCode()).isEqualTo("bad_json");
            assertThat(server.http.put("/api/v1/me/password", server.visitor().token(), Map.of("currentPassword",
                    TestServer.PASSWORD, "password", NEW_PASSWORD)).status()).as("a visitor").isIn(401, 403);
            assertThat(login(email, TestServer.PASSWORD).status()).as("nothing changed yet").isEqualTo(200);
            // Five attempts at once, then one every 12 s: the four above and this one.

            String pending = issue(owner, bob.id()).json().get("url").asText();
            assertThat(change(bob, TestServer.PASSWORD, NEW_PASSWORD).status()).isEqualTo(204);
            assertThat(redeem(pending.substring(pending.indexOf("reset=") + 6), "yet another passphrase").status())
                    .as("a link made before the change is stale").isEqualTo(401);
            assertThat(server.http.get("/api/v1/me", bob.token()).status()).as("this session goes on").isEqualTo(200);
            assertThat(server.http.get("/api/v1/me", otherTab).status()).as("the other one ended").isEqualTo(401);
            assertThat(otherSocket.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(4001);
            assertThat(login(email, TestServer.PASSWORD).status()).isEqualTo(401);
            assertThat(login(email, NEW_PASSWORD).status()).isEqualTo(200);
        }
        Http.Reply audit = server.http.get("/api/v1/audit?action=password", owner.token());
        assertThat(audit.body()).contains("password.change");
    }

    @Test
    void guessing_the_current_password_is_rate_limited() {
        TestServer.Agent bob = server.invite("Bob", "agent");
        int limited = 0;
        for (int i = 0; i < 8; i++) {
            if (change(bob, "guess number " + i, NEW_PASSWORD).status() == 429) {
                limited++;
            }
        }
        assertThat(limited).isGreaterThan(0);
    }

    @Test
    void an_admin_hands_a_reset_link_to_an_agent_who_forgot_their_password() throws Exception {
        TestServer.Agent bob = server.invite("Bob", "agent");
        String email = email(bob);
        try (WsClient bobSocket = server.connect(bob.token())) {
            bobSocket.await("hello");
            Http.Reply first = server.http.post("/api/v1/agents/" + bob.id() + "/password-reset", owner.token(), Map.of());
            assertThat(first.status()).as(first.body()).isEqualTo(201);
            assertThat(first.json().get("expiresAt").asLong()).isGreaterThan(System.currentTimeMillis());
            Http.Reply issued = server.http.post("/api/v1/agents/" + bob.id() + "/password-reset", owner.token(), Map.of());
            String url = issued.json().get("url").asText();
            assertThat(url).contains("/setup#reset=");
            String token = url.substring(url.indexOf("reset=") + 6);
            String stale = first.json().get("url").asText().substring(url.indexOf("reset=") + 6);

            assertThat(redeem(stale, NEW_PASSWORD).status()).as("only the newest link works").isEqualTo(401);
            assertThat(redeem(token, "short").errorCode()).isEqualTo("invalid");
            assertThat(redeem("forged-" + UUID.randomUUID(), NEW_PASSWORD).status()).isEqualTo(401);
            assertThat(redeem(null, NEW_PASSWORD).status()).isEqualTo(401);
            assertThat(redeem("x".repeat(5000), NEW_PASSWORD).status()).isIn(400, 401);

            Http.Reply signedIn = redeem(token, NEW_PASSWORD);
            assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
            assertThat(signedIn.json().get("agent").get("id").asText()).isEqualTo(bob.id());
            assertThat(server.http.get("/api/v1/me", signedIn.json().get("token").asText()).status()).isEqualTo(200);
            assertThat(server.http.get("/api/v1/me", bob.token()).status()).as("old sessions end").isEqualTo(401);
            assertThat(bobSocket.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(4001);
            assertThat(redeem(token, "yet another passphrase").errorCode()).isEqualTo("conflict");
            assertThat(login(email, TestServer.PASSWORD).status()).isEqualTo(401);
            assertThat(login(email, NEW_PASSWORD).status()).isEqualTo(200);
        }
        assertThat(server.http.get("/api/v1/audit?action=agent.password_reset", owner.token()).body())
                .contains(bob.id());
    }

    @Test
    void reset_links_follow_the_roles_and_stay_in_their_workspace() {
        TestServer.Agent admin = server.invite("Ada", "admin");
        TestServer.Agent otherAdmin = server.invite("Alan", "admin");
        TestServer.Agent agent = server.invite("Bob", "agent");
        TestServer.Agent carol = server.invite("Carol", "agent");

        assertThat(issue(agent, carol.id()).errorCode()).as("agents cannot").isEqualTo("forbidden");
        assertThat(issue(admin, owner.id()).errorCode()).as("nobody resets the owner").isEqualTo("forbidden");
        assertThat(issue(owner, owner.id()).errorCode()).as("nor themselves").isEqualTo("forbidden");
        assertThat(issue(admin, otherAdmin.id()).errorCode()).as("only the owner resets an admin").isEqualTo("forbidden");
        assertThat(issue(owner, otherAdmin.id()).status()).isEqualTo(201);
        assertThat(issue(admin, agent.id()).status()).isEqualTo(201);
        assertThat(issue(admin, "01ZZZZZZZZZZZZZZZZZZZZZZZZ").status()).isEqualTo(404);
        assertThat(server.http.post("/api/v1/agents/" + agent.id() + "/password-reset", null, Map.of()).status())
                .isEqualTo(401);

        String email = "elsewhere-" + UUID.randomUUID() + "@example.org";
        server.kefu().provisionWorkspace("Other Inc", "Other Owner", email, TestServer.PASSWORD);
        String stranger = login(email, TestServer.PASSWORD).json().get("token").asText();
        assertThat(server.http.post("/api/v1/agents/" + agent.id() + "/password-reset", stranger, Map.of()).status())
                .as("another workspace's agent is not found").isEqualTo(404);

        server.http.patch("/api/v1/agents/" + carol.id(), owner.token(), Map.of("active", false));
        assertThat(issue(owner, carol.id()).errorCode()).isEqualTo("invalid");
    }

    @Test
    void a_link_for_an_agent_deactivated_since_signs_nobody_in() {
        TestServer.Agent bob = server.invite("Bob", "agent");
        String url = issue(owner, bob.id()).json().get("url").asText();
        server.http.patch("/api/v1/agents/" + bob.id(), owner.token(), Map.of("active", false));
        assertThat(redeem(url.substring(url.indexOf("reset=") + 6), NEW_PASSWORD).status()).isEqualTo(401);
    }

    @Test
    void an_expired_link_is_refused() {
        TestServer.Agent bob = server.invite("Bob", "agent");
        String url = issue(owner, bob.id()).json().get("url").asText();
        server.update("UPDATE password_resets SET expires_at = ? WHERE agent_id = ?", System.currentTimeMillis() - 1,
                bob.id());
        assertThat(redeem(url.substring(url.indexOf("reset=") + 6), NEW_PASSWORD).status()).isEqualTo(401);
    }

    /** {@code ./kefu --reset-password EMAIL}: the owner, whom nobody else may reset, gets back in. */
    @Test
    void whoever_runs_the_server_gets_a_reset_link_for_the_owner_from_the_command_line() {
        String email = email(owner);
        String url = dev.kefu.PasswordResetLink.issue(server.settings(), email.toUpperCase(java.util.Locale.ROOT));
        assertThat(url).startsWith("http://localhost:").contains("/setup#reset=");
        Http.Reply signedIn = redeem(url.substring(url.indexOf("reset=") + 6), NEW_PASSWORD);
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.json().get("agent").get("role").asText()).isEqualTo("owner");
        assertThat(login(email, NEW_PASSWORD).status()).isEqualTo(200);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> dev.kefu.PasswordResetLink.issue(server.settings(), "nobody@example.com"))
                .hasMessageContaining("no agent");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.kefu.PasswordResetLink.issue(
                dev.kefu.config.Settings.forData(java.nio.file.Path.of("/nonexistent-kefu-data")), email))
                .hasMessageContaining("no Kefu database");
    }

    @Test
    void without_smtp_forgot_password_says_to_ask_an_administrator() {
        Http.Reply r = server.http.post("/api/v1/auth/forgot-password", null, Map.of("email", email(owner)));
        assertThat(r.errorCode()).isEqualTo("invalid_state");
        assertThat(r.body()).contains("ask an administrator");
    }

    /** With SMTP, "forgot password?" mails a link to a known address, and answers the same for an unknown one. */
    @Test
    void forgot_password_mails_a_link_and_reveals_nothing_about_the_address() throws Exception {
        com.icegreen.greenmail.util.GreenMail smtp = new com.icegreen.greenmail.util.GreenMail(
                com.icegreen.greenmail.util.ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        try (TestServer mailing = TestServer.with(s -> s.withMail("smtp://127.0.0.1:" + smtp.getSmtp().getPort(),
                "kefu@shop.example"))) {
            TestServer.Agent ownerThere = mailing.owner();
            String email = mailing.http.get("/api/v1/me", ownerThere.token()).json().get("email").asText();

            Http.Reply unknown = mailing.http.post("/api/v1/auth/forgot-password", null,
                    Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com"));
            Http.Reply known = mailing.http.post("/api/v1/auth/forgot-password", null, Map.of("email", email.toUpperCase()));
            assertThat(known.status()).isEqualTo(202);
            assertThat(unknown.status()).isEqualTo(202);
            assertThat(unknown.body()).isEqualTo(known.body());
            assertThat(mailing.http.post("/api/v1/auth/forgot-password", null, Map.of("email", "not an address"))
                    .errorCode()).isEqualTo("invalid");
            assertThat(mailing.http.post("/api/v1/auth/forgot-password", null, "{").errorCode()).isEqualTo("bad_json");

            assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
            Thread.sleep(500);
            jakarta.mail.internet.MimeMessage[] received = smtp.getReceivedMessages();
            assertThat(received).as("one e-mail, to the known address only").hasSize(1);
            assertThat(received[0].getAllRecipients()[0].toString()).isEqualToIgnoringCase(email);
            String body = received[0].getContent().toString();
            java.util.regex.Matcher link = java.util.regex.Pattern.compile("/setup#reset=([A-Za-z0-9_-]+)").matcher(body);
            assertThat(link.find()).as(body).isTrue();
            Http.Reply signedIn = mailing.http.post("/api/v1/auth/password-reset", null,
                    Map.of("token", link.group(1), "password", NEW_PASSWORD));
            assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);

            // Three e-mails per address, then one every 10 minutes.
            mailing.http.post("/api/v1/auth/forgot-password", null, Map.of("email", email));
            mailing.http.post("/api/v1/auth/forgot-password", null, Map.of("email", email));
            assertThat(mailing.http.post("/api/v1/auth/forgot-password", null, Map.of("email", email)).status())
                    .isEqualTo(429);
        } finally {
            smtp.stop();
        }
    }

    Http.Reply issue(TestServer.Agent caller, String agentId) {
        return server.http.post("/api/v1/agents/" + agentId + "/password-reset", caller.token(), Map.of());
    }

    Http.Reply redeem(String token, String password) {
        java.util.Map<String, Object> body = new java.util.HashMap<>();
        body.put("token", token);
        body.put("password", password);
        return server.http.post("/api/v1/auth/password-reset", null, body);
    }
}
