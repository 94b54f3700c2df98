package dev.kefu.ui;

import static dev.kefu.ui.Ui.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.support.Http;
import dev.kefu.support.TestServer;
import dev.kefu.visitor.IdentityService;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The widget's visitor context in real Chromium: a signed-in customer passed with data-user-*, single-page-app
 * navigation reported live, the workbench's visitor panel, and blocking from it.
 */
class VisitorContextUiTest {
    private static TestServer server;
    private static HostSite site;
    private static Browser agent;
    private static TestServer.Agent owner;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeChromium();
        server = TestServer.sqlite();
        owner = server.owner(Ui.OWNER_EMAIL);
        site = new HostSite(server.port(), owner.workspaceId());
        agent = Browser.open("agent-context");
        Ui.signIn(agent, "http://127.0.0.1:" + server.port() + "/app/", Ui.OWNER_EMAIL, TestServer.PASSWORD);
        Ui.waitConnected(agent);
        await().atMost(Duration.ofSeconds(15)).until(() -> server.http.get("/api/v1/widget/settings?workspaceId="
                + owner.workspaceId(), null).json().get("online").asBoolean());
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (site != null) {
            site.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_signed_in_customer_is_verified_followed_across_pages_and_can_be_blocked_from_the_workbench()
            throws Exception {
        String secret = server.http.post("/api/v1/workspace/identity-secret", owner.token(), Map.of()).json()
                .get("secret").asText();
        String page = site.page("/account.html", "Acme — your account", "data-user-id=\"cust-7\" data-user-hash=\""
                + IdentityService.sign(secret, "cust-7") + "\" data-user-name=\"Ada Lovelace\" "
                + "data-user-email=\"ada@example.com\" data-user-attributes='{\"plan\":\"pro\",\"orders\":12}'");
        try (Browser v = Browser.open("visitor-context")) {
            try {
                v.get(page);
                v.openWidget();
                WebElement input = v.visible("panel-input");
                input.sendKeys("Where is order 12?");
                input.sendKeys(Keys.ENTER);
                message(v, "visitor", "Where is order 12?");

                // The shop is a single-page app: it moves on without a page load.
                v.top();
                v.js("history.pushState({}, '', '/spa/checkout'); document.title = 'Acme — checkout';");
                String visitorId = await().atMost(Duration.ofSeconds(10)).until(() -> {
                    JsonNode items = server.http.get("/api/v1/conversations", owner.token()).json().get("items");
                    return items.isEmpty() ? null : items.get(0).get("visitor").get("id").asText();
                }, id -> id != null);
                JsonNode p = await().atMost(Duration.ofSeconds(10)).until(() -> server.http.get("/api/v1/visitors/"
                        + visitorId, owner.token()).json(), n -> n.path("currentPage").path("url").asText()
                        .endsWith("/spa/checkout"));
                assertThat(p.get("verified").asBoolean()).isTrue();
                assertThat(p.get("userId").asText()).isEqualTo("cust-7");
                assertThat(p.get("name").asText()).isEqualTo("Ada Lovelace");
                assertThat(p.get("contactSources").get("email").asText()).isEqualTo("signed");
                assertThat(p.get("attributes").get("orders").asInt()).isEqualTo(12);
                assertThat(p.get("currentPage").get("title").asText()).isEqualTo("Acme — checkout");

                Ui.openConversation(agent, "mine", "Where is order 12?");
                agent.visible("visitor-verified");
                agent.until("the current page in the visitor panel", d ->
                        agent.visible("visitor-current-page").getText().contains("Acme — checkout"));
                assertThat(agent.all("visitor-attribute")).extracting(WebElement::getText).contains("plan: pro");
                // Another navigation shows up live.
                v.js("history.pushState({}, '', '/spa/thanks'); document.title = 'Acme — thank you';");
                agent.until("the new page in the visitor panel", d ->
                        agent.visible("visitor-current-page").getText().contains("Acme — thank you"));
                assertThat(agent.visible("visitor-pages").getText()).contains("Acme — checkout");
                agent.screenshot("visitor-context-1-panel");

                // Block from the workbench: the visitor's panel turns into the polite refusal.
                agent.visible("visitor-block-button").click();
                agent.visible("visitor-block-confirm").click();
                agent.visible("visitor-blocked");
                v.intoPanel();
                assertThat(v.visible("panel-blocked").getText()).isEqualTo("Sorry, you can't start a chat here.");
                v.screenshot("visitor-context-2-blocked");
                Http.Reply blocks = server.http.get("/api/v1/blocks", owner.token());
                assertThat(blocks.json().get("items").get(0).get("value").asText()).isEqualTo(visitorId);
            } catch (RuntimeException | Error e) {
                v.saveFailure("VisitorContextUiTest.visitor");
                agent.saveFailure("VisitorContextUiTest.agent");
                throw e;
            }
        }
    }
}
