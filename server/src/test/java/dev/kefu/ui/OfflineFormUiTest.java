package dev.kefu.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;

/**
 * With no agent online the widget offers the offline form; the message waits in the queue, and routing gives it
 * to the agent who signs in later.
 */
@ExtendWith(UiFailureArtifacts.class)
class OfflineFormUiTest {
    private TestServer server;
    private HostSite site;
    private Browser visitor;
    private Browser agent;

    @BeforeEach
    void start() throws Exception {
        Browser.assumeChromium();
        server = TestServer.sqlite();
        TestServer.Agent owner = server.owner(Ui.OWNER_EMAIL);
        site = new HostSite(server.port(), owner.workspaceId());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {visitor, agent, site, server}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void a_visitor_leaves_a_message_while_no_agent_is_online_and_the_agent_who_signs_in_gets_it() throws Exception {
        visitor = Browser.open("visitor");
        visitor.get(site.page("/contact.html", "Acme Shop — contact", ""));
        visitor.openWidget();
        visitor.visible("offline-form");
        assertThat(visitor.visible("agent-status").getText()).isEqualTo("We are away right now");
        assertThat(visitor.all("panel-input")).noneMatch(WebElement::isDisplayed);
        visitor.visible("form-name").sendKeys("Ada Lovelace");
        visitor.visible("form-email").sendKeys("ada@example.com");
        visitor.visible("form-message").sendKeys("Do you ship to Norway?");
        visitor.screenshot("4-visitor-widget-offline-form");
        visitor.visible("offline-submit").click();
        visitor.visible("offline-sent");
        visitor.screenshot("4-visitor-widget-offline-sent");

        agent = Browser.open("agent");
        Ui.signIn(agent, "http://127.0.0.1:" + server.port() + "/app/", Ui.OWNER_EMAIL, TestServer.PASSWORD);
        Ui.waitConnected(agent);
        WebElement item = Ui.conversationItem(agent, "mine", "Do you ship to Norway?");
        assertThat(item.getText()).contains("Ada Lovelace");
        assertThat(item.getDomAttribute("data-state")).isEqualTo("open");
        Ui.openConversation(agent, "mine", "Do you ship to Norway?");
        agent.until("the visitor's e-mail in the sidebar", d -> agent.visible("visitor-panel").getText().contains("ada@example.com"));
        agent.screenshot("4-workbench-offline-message");

        // The agent's answer reaches the visitor, whose panel follows the conversation the form opened.
        agent.visible("composer-input").sendKeys("Yes, we do — 3 to 5 days.\n");
        Ui.message(visitor, "agent", "Yes, we do");
        visitor.screenshot("4-visitor-widget-offline-answered");
    }
}
