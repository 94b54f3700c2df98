package dev.kefu.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An admin fills an empty knowledge base with the sample, finds an article, edits it and tries the bot. */
@ExtendWith(UiFailureArtifacts.class)
class AdminKnowledgeUiTest {
    private TestServer server;
    private Browser admin;

    @BeforeEach
    void start() throws Exception {
        Browser.assumeChromium();
        server = TestServer.sqlite();
        server.owner(Ui.OWNER_EMAIL);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {admin, server}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void an_admin_loads_the_sample_filters_edits_and_tries_the_bot() throws Exception {
        admin = Browser.open("admin");
        Ui.signIn(admin, "http://127.0.0.1:" + server.port() + "/admin/#knowledge", Ui.OWNER_EMAIL, TestServer.PASSWORD);
        admin.visible("kb-sample").click();
        admin.until("the sample articles", d -> admin.all("kb-row").size() >= 30);
        assertThat(admin.visible("kb-report").getText()).contains("31");

        admin.visible("kb-filter").sendKeys("发票");
        admin.until("one article left", d -> admin.all("kb-row").size() == 1);
        assertThat(admin.visible("kb-row").getText()).contains("Invoices / 发票");
        admin.visible("kb-row").findElement(org.openqa.selenium.By.tagName("button")).click();
        admin.visible("kb-answer").sendKeys("\n\n<b>not bold</b>");
        admin.visible("kb-save").click();
        admin.hidden("kb-form");

        admin.visible("bot-question").sendKeys("怎么开发票？");
        admin.visible("bot-ask").click();
        String answer = admin.visible("bot-answer").getText();
        assertThat(answer).contains("电子发票").contains("<b>not bold</b>");
        assertThat(admin.visible("bot-handoff").getText()).isEqualTo("Bot answers");
        assertThat(admin.visible("bot-confidence").getText()).matches("confidence \\d+%");
        admin.screenshot("kb-admin-try-bot");

        admin.visible("bot-question").clear();
        admin.visible("bot-question").sendKeys("what's the weather tomorrow");
        admin.visible("bot-ask").click();
        admin.until("a handoff", d -> admin.visible("bot-handoff").getText().equals("Hands off to a human"));
        admin.screenshot("kb-admin-try-bot-handoff");
    }
}
