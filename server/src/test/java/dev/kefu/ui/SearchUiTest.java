package dev.kefu.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kefu.support.Http;
import dev.kefu.support.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The workbench's search box and results, in a real browser against a real Kefu. */
@ExtendWith(UiFailureArtifacts.class)
class SearchUiTest {
    private TestServer server;
    private Browser agent;

    @BeforeEach
    void start() throws Exception {
        Browser.assumeChromium();
        server = TestServer.sqlite();
        server.owner(Ui.OWNER_EMAIL);
        agent = Browser.open("agent");
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void an_agent_searches_sees_marked_snippets_filters_and_opens_a_result() {
        TestServer.Visitor refund = server.visitor();
        TestServer.Visitor other = server.visitor();
        say(refund, "<b>bold?</b> 我想申请退款，订单号是8841");
        say(other, "退款到账了吗");
        server.http.post("/api/v1/conversations/" + other.conversationId() + "/take", server.owner().token(), Map.of());
        server.http.post("/api/v1/conversations/" + other.conversationId() + "/resolve", server.owner().token(), Map.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> server.http.get("/api/v1/search?q=%E9%80%80%E6%AC%BE",
                server.owner().token()).json().get("conversations").size() == 2);

        Ui.signIn(agent, "http://127.0.0.1:" + server.port() + "/app/", Ui.OWNER_EMAIL, TestServer.PASSWORD);
        Ui.waitConnected(agent);
        WebElement box = agent.visible("search-input");
        box.sendKeys("退款", Keys.ENTER);
        agent.visible("search-view");
        List<WebElement> results = agent.until("two results", d -> {
            List<WebElement> r = agent.all("search-result");
            return r.size() == 2 ? r : null;
        });
        WebElement first = results.stream().filter(r -> refund.conversationId().equals(r.getDomAttribute("data-conversation-id")))
                .findFirst().orElseThrow();
        WebElement snippet = first.findElement(By.cssSelector("[data-testid='search-snippet']"));
        assertThat(snippet.getText()).contains("<b>bold?</b>").contains("我想申请退款");
        assertThat(snippet.findElements(By.tagName("b"))).as("markup stays text").isEmpty();
        assertThat(snippet.findElements(By.tagName("mark")).stream().map(WebElement::getText).toList())
                .containsExactly("退款");
        agent.screenshot("search-results");

        new Select(agent.visible("search-state")).selectByValue("resolved");
        agent.until("only the resolved one", d -> {
            List<WebElement> r = agent.all("search-result");
            return r.size() == 1 && other.conversationId().equals(r.getFirst().getDomAttribute("data-conversation-id"));
        });
        new Select(agent.visible("search-state")).selectByValue("");
        agent.until("both again", d -> agent.all("search-result").size() == 2);

        agent.until("the refund result", d -> agent.all("search-result").stream()
                .filter(r -> refund.conversationId().equals(r.getDomAttribute("data-conversation-id")))
                .findFirst().orElse(null)).click();
        agent.hidden("search-view");
        agent.until("the chat pane of the result", d ->
                refund.conversationId().equals(agent.visible("chat-pane").getDomAttribute("data-conversation-id")));
        Ui.message(agent, "visitor", "我想申请退款");
    }

    private void say(TestServer.Visitor v, String text) {
        Http.Reply r = server.http.post("/api/v1/conversations/" + v.conversationId() + "/messages", v.token(),
                Map.of("clientMsgId", "c-" + text.hashCode(), "text", text));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
}
