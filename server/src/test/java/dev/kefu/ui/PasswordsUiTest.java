package dev.kefu.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * An agent who forgot their password: the owner makes a reset link in the admin console, the agent opens it,
 * chooses a password and lands in the workbench; there they change it again from their name in the top bar.
 */
@ExtendWith(UiFailureArtifacts.class)
class PasswordsUiTest {
    static final String CHOSEN = "chosen after the reset";
    static final String CHANGED = "changed in the workbench";

    private TestServer server;
    private Browser owner;
    private Browser bob;

    @BeforeEach
    void start() throws Exception {
        Browser.assumeChromium();
        server = TestServer.sqlite();
        server.owner(Ui.OWNER_EMAIL);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {owner, bob, server}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void the_owner_hands_bob_a_reset_link_and_bob_then_changes_his_password_himself() throws Exception {
        TestServer.Agent bobAccount = server.invite("Bob", "agent");
        String bobEmail = server.http.get("/api/v1/me", bobAccount.token()).json().get("email").asText();

        owner = Browser.open("owner");
        Ui.signIn(owner, "http://127.0.0.1:" + server.port() + "/admin/#agents", Ui.OWNER_EMAIL, TestServer.PASSWORD);
        WebElement row = owner.until("Bob's row", d -> owner.all("agent-row").stream()
                .filter(r -> bobAccount.id().equals(r.getDomAttribute("data-agent-id"))).findFirst().orElse(null));
        row.findElement(Browser.testId("agent-reset-password")).click();
        WebElement link = owner.visible("reset-link");
        assertThat(link.getText()).contains("Send this link to Bob");
        String url = link.findElement(By.id("reset-url")).getDomProperty("value");
        assertThat(url).contains("/setup#reset=");
        owner.screenshot("passwords-1-reset-link");

        bob = Browser.open("bob");
        bob.get(url.replace("http://localhost:" + server.port(), "http://127.0.0.1:" + server.port()));
        assertThat(bob.visible("setup-form").getText()).contains("Choose a new password");
        assertThat(bob.all("setup-name")).isEmpty();
        bob.visible("setup-password").sendKeys(CHOSEN);
        bob.visible("setup-password2").sendKeys(CHOSEN);
        bob.screenshot("passwords-2-choose");
        bob.visible("setup-submit").click();
        bob.until("the workbench", d -> bob.visible("agent-name").getText().equals("Bob"));
        assertThat(server.http.get("/api/v1/me", bobAccount.token()).status()).as("the old session ended").isEqualTo(401);

        bob.visible("agent-name").click();
        bob.visible("password-current").sendKeys("not the password");
        bob.visible("password-new").sendKeys(CHANGED);
        bob.visible("password-repeat").sendKeys(CHANGED);
        bob.visible("password-submit").click();
        assertThat(bob.visible("password-error").getText()).isEqualTo("The current password is wrong.");
        bob.visible("password-current").clear();
        bob.visible("password-current").sendKeys(CHOSEN);
        bob.visible("password-submit").click();
        assertThat(bob.visible("password-done").getText()).contains("Password changed");
        bob.screenshot("passwords-3-changed");
        bob.visible("password-close").click();
        bob.hidden("password-dialog");

        assertThat(server.http.post("/api/v1/auth/login", null, Map.of("email", bobEmail, "password", CHOSEN)).status())
                .isEqualTo(401);
        assertThat(server.http.post("/api/v1/auth/login", null, Map.of("email", bobEmail, "password", CHANGED)).status())
                .isEqualTo(200);
    }

    /** The sign-in page's "Forgot your password?": an e-mailed link where the server sends mail, advice where not. */
    @Test
    void an_agent_who_forgot_their_password_gets_a_link_by_email() throws Exception {
        bob = Browser.open("bob");
        bob.get("http://127.0.0.1:" + server.port() + "/app/");
        bob.visible("login-forgot").click();
        bob.visible("forgot-email").sendKeys(Ui.OWNER_EMAIL);
        bob.visible("forgot-submit").click();
        assertThat(bob.visible("forgot-error").getText()).contains("Ask your administrator");

        com.icegreen.greenmail.util.GreenMail smtp = new com.icegreen.greenmail.util.GreenMail(
                com.icegreen.greenmail.util.ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        try (TestServer mailing = TestServer.with(s -> s.withMail("smtp://127.0.0.1:" + smtp.getSmtp().getPort(),
                "kefu@shop.example"))) {
            mailing.owner(Ui.OWNER_EMAIL);
            bob.get("http://127.0.0.1:" + mailing.port() + "/app/");
            bob.visible("login-forgot").click();
            bob.visible("forgot-email").sendKeys(Ui.OWNER_EMAIL);
            bob.visible("forgot-submit").click();
            assertThat(bob.visible("forgot-sent").getText()).contains("a link is on its way");
            bob.screenshot("passwords-4-forgot-sent");

            assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
            java.util.regex.Matcher link = java.util.regex.Pattern.compile("(http\\S+/setup#reset=[A-Za-z0-9_-]+)")
                    .matcher(smtp.getReceivedMessages()[0].getContent().toString());
            assertThat(link.find()).isTrue();
            bob.get(link.group(1).replace("http://localhost:", "http://127.0.0.1:"));
            bob.visible("setup-password").sendKeys(CHOSEN);
            bob.visible("setup-password2").sendKeys(CHOSEN);
            bob.visible("setup-submit").click();
            bob.until("the workbench", d -> bob.visible("agent-name").getText().equals("Owner"));
        } finally {
            smtp.stop();
        }
    }
}
