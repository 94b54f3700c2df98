package dev.kefu.ui;

import static dev.kefu.ui.Ui.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.support.FakeOpenAi;
import dev.kefu.support.Http;
import dev.kefu.support.TestServer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The agent tools in real browsers against a real Kefu: private notes, labels, the satisfaction survey, the bot
 * as first line with "Talk to a human", and the admin's Reports and Bot pages. A fresh server per test.
 */
class AgentToolsUiTest extends HostedWorkspaceUi {
    /** The owner's workbench, signed in and connected (so the widget offers chat and routing counts them). */
    private Browser workbench() throws Exception {
        Browser b = browser("agent");
        Ui.signIn(b, base + "/app/", Ui.OWNER_EMAIL, TestServer.PASSWORD);
        Ui.waitConnected(b);
        await().atMost(Duration.ofSeconds(15)).until(() -> server.http
                .get("/api/v1/widget/settings?workspaceId=" + owner.workspaceId(), null).json().get("online").asBoolean());
        return b;
    }

    /** A visitor on the shop's page with the chat panel open (the driver is inside the panel's iframe). */
    private Browser visitorWithPanel() throws Exception {
        Browser v = browser("visitor");
        v.get(site.page("/shop.html", "Acme — shop", ""));
        v.openWidget();
        v.visible("panel-input");
        return v;
    }

    private void put(String path, Map<String, Object> body) {
        Http.Reply r = server.http.put(path, owner.token(), body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private String createLabel(String name, String color) {
        Http.Reply r = server.http.post("/api/v1/labels", owner.token(), Map.of("name", name, "color", color));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    /** A visitor who wrote over REST: returns the conversation id. */
    private String restVisitorSays(String text) {
        TestServer.Visitor v = server.visitor(owner.workspaceId());
        Http.Reply r = server.http.post("/api/v1/conversations/" + v.conversationId() + "/messages", v.token(),
                Map.of("clientMsgId", "c-" + UUID.randomUUID(), "text", text));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return v.conversationId();
    }

    private static void send(Browser b, String inputTestId, String text) {
        WebElement input = b.visible(inputTestId);
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
    }

    private static String unique(String text) {
        return text + " #" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** Everything the panel's document holds as text, hidden parts included. */
    private static String panelText(Browser visitor) {
        return (String) visitor.js("return document.documentElement.textContent");
    }

    @Test
    void an_internal_note_shows_in_the_agents_timeline_and_never_in_the_visitors_panel() throws Exception {
        Browser agent = workbench();
        Browser visitor = visitorWithPanel();
        String question = unique("My parcel arrived damaged");
        send(visitor, "panel-input", question);
        message(visitor, "visitor", question);

        String id = Ui.openConversation(agent, "mine", question);
        agent.visible("mode-note").click();
        assertThat(agent.visible("note-hint").getText()).isEqualTo("Only agents see this");
        String note = "Refund approved by finance, ticket 4471";
        send(agent, "composer-input", note);
        WebElement shown = agent.until("the note in the timeline", d -> {
            for (WebElement n : agent.all("note")) {
                if (n.getText().contains(note)) {
                    return n;
                }
            }
            return null;
        });
        assertThat(shown.getText()).containsIgnoringCase("Internal note · you").contains(note);
        agent.screenshot("12-workbench-internal-note");

        // A reply sent after the note reaches the visitor; the note never does.
        agent.visible("mode-reply").click();
        send(agent, "composer-input", "Sorry about that, we will refund you today.");
        message(visitor, "agent", "we will refund you today");
        assertThat(panelText(visitor)).doesNotContain("Refund approved").doesNotContain("4471");
        String visitorHistory = server.http.get("/api/v1/conversations/" + id + "/messages", owner.token()).body();
        assertThat(visitorHistory).doesNotContain("4471");
        visitor.screenshot("12-visitor-without-the-note");

        // The note is stored: it is still there after a reload of the workbench.
        agent.reload();
        Ui.waitConnected(agent);
        Ui.openConversation(agent, "mine", "we will refund you today");
        agent.until("the note after a reload", d -> agent.all("note").stream().anyMatch(n -> n.getText().contains(note)));
    }

    @Test
    void an_agent_labels_a_conversation_and_filters_the_list_by_that_label() throws Exception {
        String vip = createLabel("VIP", "#dc2626");
        createLabel("Refund", "#16a34a");
        Browser agent = workbench();
        String first = unique("I buy 200 units every month");
        String firstId = restVisitorSays(first);
        String second = unique("Where is my order?");
        String secondId = restVisitorSays(second);
        Ui.conversationItem(agent, "mine", second);

        Ui.openConversation(agent, "mine", first);
        agent.visible("labels-button").click();
        agent.visible("label-menu");
        agent.until("the VIP option", d -> agent.visible("label-menu").findElement(
                By.cssSelector("[data-testid='label-option'][data-label-id='" + vip + "'] input"))).click();
        WebElement chip = agent.until("the VIP chip in the header", d -> agent.visible("chat-pane")
                .findElement(By.cssSelector("[data-testid='label-chip'][data-label-id='" + vip + "']")));
        assertThat(chip.getText()).isEqualTo("VIP");
        await().atMost(Duration.ofSeconds(10)).until(() -> labelIdsOf(firstId).contains(vip));
        agent.visible("labels-button").click();
        agent.hidden("label-menu");
        agent.screenshot("13-workbench-label");

        // The list shows the chip, and filtering by VIP keeps only that conversation.
        WebElement item = Ui.conversationItem(agent, "mine", first);
        agent.until("the chip in the list", d -> !item.findElements(By.cssSelector("[data-testid='label-chip']")).isEmpty());
        new Select(agent.visible("label-filter")).selectByVisibleText("VIP");
        agent.until("only the VIP conversation listed", d -> {
            List<WebElement> items = agent.all("conversation-item");
            return items.size() == 1 && firstId.equals(items.get(0).getDomAttribute("data-conversation-id"));
        });
        agent.screenshot("13-workbench-label-filter");
        new Select(agent.visible("label-filter")).selectByVisibleText("All labels");
        agent.until("both conversations listed again", d -> agent.all("conversation-item").stream()
                .anyMatch(e -> secondId.equals(e.getDomAttribute("data-conversation-id"))));

        // The server filters the same way.
        JsonNode filtered = server.http.get("/api/v1/conversations?label=" + vip, owner.token()).json().get("items");
        assertThat(filtered).extracting(c -> c.get("id").asText()).containsExactly(firstId);
    }

    private List<String> labelIdsOf(String conversationId) {
        List<String> ids = new ArrayList<>();
        for (JsonNode c : server.http.get("/api/v1/conversations?state=open", owner.token()).json().get("items")) {
            if (c.get("id").asText().equals(conversationId)) {
                c.path("labelIds").forEach(x -> ids.add(x.asText()));
            }
        }
        return ids;
    }

    @Test
    void the_visitor_rates_a_resolved_conversation_and_the_agent_sees_the_stars() throws Exception {
        Browser agent = workbench();
        Browser visitor = visitorWithPanel();
        String question = unique("Can I change my delivery address?");
        send(visitor, "panel-input", question);
        message(visitor, "visitor", question);

        String id = Ui.openConversation(agent, "mine", question);
        send(agent, "composer-input", "Done, the new address is saved.");
        message(visitor, "agent", "the new address is saved");
        agent.visible("resolve-button").click();

        visitor.visible("survey");
        visitor.screenshot("14-visitor-survey");
        // A reload of the page keeps the just-resolved conversation in view, survey and all.
        visitor.top();
        visitor.reload();
        visitor.openWidget();
        visitor.visible("survey");
        message(visitor, "agent", "the new address is saved");
        visitor.visible("survey-submit").click();
        assertThat(visitor.visible("survey").getText()).contains("Please choose from 1 to 5 stars.");
        visitor.until("the 4th star", d -> {
            for (WebElement s : visitor.all("survey-star")) {
                if ("4".equals(s.getDomAttribute("data-score"))) {
                    return s;
                }
            }
            return null;
        }).click();
        visitor.visible("survey-comment").sendKeys("Quick and friendly");
        visitor.visible("survey-submit").click();
        WebElement thanks = visitor.visible("survey-thanks");
        assertThat(thanks.getText()).contains("Thank you for your feedback!").contains("★★★★☆");
        message(visitor, "system", "You rated this conversation ★★★★☆");
        visitor.screenshot("14-visitor-thanks");

        WebElement rated = message(agent, "system", "The visitor rated the conversation 4/5");
        assertThat(rated.getDomAttribute("data-event")).isEqualTo("rating");
        WebElement stars = rated.findElement(Browser.testId("rating"));
        assertThat(stars.getDomAttribute("data-score")).isEqualTo("4");
        assertThat(stars.getText()).contains("★★★★☆").contains("Quick and friendly");
        agent.screenshot("14-workbench-rating");
        JsonNode rating = server.http.get("/api/v1/conversations/" + id + "/rating", owner.token()).json();
        assertThat(rating.get("score").asInt()).isEqualTo(4);
        assertThat(rating.get("comment").asText()).isEqualTo("Quick and friendly");
        assertThat(rating.get("agentId").asText()).isEqualTo(owner.id());
    }

    @Test
    void the_bot_answers_first_and_talk_to_a_human_puts_the_visitor_in_the_agents_queue() throws Exception {
        Http.Reply sample = server.http.post("/api/v1/knowledge/import-sample", owner.token(), Map.of());
        assertThat(sample.status()).as(sample.body()).isEqualTo(200);
        put("/api/v1/bot/settings", Map.of("mode", "always", "answerWith", "retrieval"));
        put("/api/v1/routing/settings", Map.of("policy", "manual"));
        Browser agent = workbench();
        Browser visitor = visitorWithPanel();

        send(visitor, "panel-input", "How long does delivery take?");
        message(visitor, "visitor", "How long does delivery take?");
        WebElement answer = message(visitor, "bot", "working days");
        assertThat(answer.getText()).contains("Assistant").contains("Orders placed before 4 pm ship the same day");
        WebElement bar = visitor.visible("bot-bar");
        assertThat(bar.getText()).contains("You are chatting with our assistant.");
        visitor.screenshot("15-visitor-bot-answer");

        // The agent can watch the bot's chat in All open.
        WebElement watched = Ui.conversationItem(agent, "open", "working days");
        String id = watched.getDomAttribute("data-conversation-id");
        assertThat(watched.getDomAttribute("data-state")).isEqualTo("bot");

        visitor.visible("handoff-button").click();
        message(visitor, "system", "Connecting you with a person…");
        visitor.hidden("bot-bar");
        visitor.until("the place in line", d -> visitor.visible("queue-status").getText().startsWith("You are number 1 in line"));
        visitor.screenshot("15-visitor-handed-off");

        WebElement queued = Ui.conversationItem(agent, "waiting", "working days");
        assertThat(queued.getDomAttribute("data-conversation-id")).isEqualTo(id);
        queued.click();
        message(agent, "system", "The bot handed over to a human: the visitor clicked “Talk to a human”");
        WebElement botMessage = message(agent, "bot", "working days");
        assertThat(botMessage.getText()).contains("knowledge base");
        agent.screenshot("15-workbench-handoff");
        assertThat(server.http.get("/api/v1/conversations/" + id, owner.token()).json().get("state").asText()).isEqualTo("queued");
    }

    @Test
    void a_model_answer_streams_into_a_growing_bubble_for_the_visitor_and_the_agent() throws Exception {
        FakeOpenAi llm = FakeOpenAi.start();
        open.add(llm);
        llm.reply(FakeOpenAi.stream(Duration.ofMillis(700), "Orders ship ", "the same day; ", "delivery takes ",
                "**1–3 working days** ", "in mainland ", "China."));
        put("/api/v1/bot/settings", Map.of("mode", "always", "answerWith", "llm", "llmBaseUrl", llm.baseUrl(),
                "llmModel", "fake-model", "apiKey", "sk-fake", "firstTokenMillis", 5000, "totalMillis", 30000));
        Browser agent = workbench();
        Browser visitor = visitorWithPanel();
        String question = unique("When will my order arrive?");
        send(visitor, "panel-input", question);

        WebElement growing = visitor.visible("bot-stream");
        visitor.until("part of the answer, still streaming", d -> growing.getText().contains("Orders ship"));
        assertThat(growing.getText()).doesNotContain("China.");
        visitor.screenshot("17-visitor-streaming");

        Ui.openConversation(agent, "open", question);
        WebElement agentBubble = agent.visible("bot-stream");
        agent.until("the answer growing in the workbench", d -> agentBubble.getText().contains("the same day"));
        agent.screenshot("17-workbench-streaming");

        WebElement stored = message(visitor, "bot", "China.");
        assertThat(stored.getDomAttribute("data-client-msg-id")).startsWith("bot-");
        assertThat(stored.findElement(By.tagName("strong")).getText()).isEqualTo("1–3 working days");
        visitor.hidden("bot-stream");
        message(agent, "bot", "China.");
        agent.hidden("bot-stream");
        assertThat(agent.all("message").stream().filter(m -> "bot".equals(m.getDomAttribute("data-sender")))).hasSize(1);
    }

    @Test
    void the_admin_sees_todays_row_in_reports_and_saves_the_bot_without_the_key_ever_showing() throws Exception {
        restVisitorSays(unique("A question for the report"));
        String zone = server.http.get("/api/v1/workspace", owner.token()).json().get("timezone").asText();
        String today = LocalDate.now(ZoneId.of(zone)).toString();
        Browser admin = browser("admin");
        Ui.signIn(admin, base + "/admin/#reports", Ui.OWNER_EMAIL, TestServer.PASSWORD);

        WebElement row = admin.until("today's row", d -> {
            for (WebElement r : admin.all("report-row")) {
                if (today.equals(r.getDomAttribute("data-key"))) {
                    return r;
                }
            }
            return null;
        });
        assertThat(row.findElement(Browser.testId("report-conversations")).getText()).isEqualTo("1");
        assertThat(admin.all("report-row")).hasSize(7);
        assertThat(admin.all("report-chart")).hasSize(5);
        assertThat(admin.visible("report-csv").getDomAttribute("href")).contains("format=csv");
        admin.screenshot("16-admin-reports");
        new Select(admin.visible("report-group")).selectByValue("agent");
        admin.until("a row per agent", d -> admin.all("report-row").size() == 1
                && admin.visible("report-table").getText().contains("(unassigned)"));

        String secret = "sk-test-" + UUID.randomUUID();
        admin.visible("nav-bot").click();
        admin.visible("bot-mode-always").click();
        admin.visible("bot-source-llm").click();
        admin.visible("bot-base-url").sendKeys("http://127.0.0.1:9/v1");
        admin.visible("bot-model").sendKeys("qwen-plus");
        admin.visible("bot-api-key").sendKeys(secret);
        admin.visible("save-button").click();
        admin.until("the bot settings saved", d -> admin.visible("save-result").getText().equals("Saved."));
        assertThat(admin.visible("bot-key-state").getText()).contains("A key is set");
        assertThat(admin.driver.getPageSource()).doesNotContain(secret);
        assertThat((String) admin.js("return [...document.querySelectorAll('input')].map(i => i.value).join('|')"))
                .doesNotContain(secret);
        admin.screenshot("16-admin-bot");
        JsonNode saved = server.http.get("/api/v1/bot/settings", owner.token()).json();
        assertThat(saved.get("mode").asText()).isEqualTo("always");
        assertThat(saved.get("answerWith").asText()).isEqualTo("llm");
        assertThat(saved.get("apiKeySet").asBoolean()).isTrue();
        assertThat(saved.toString()).doesNotContain(secret);

        // After a reload the page knows a key is set, and still never shows it.
        admin.reload();
        assertThat(admin.visible("bot-key-state").getText()).contains("A key is set");
        assertThat(admin.driver.getPageSource()).doesNotContain(secret);
        assertThat(admin.all("bot-api-key")).noneMatch(WebElement::isDisplayed);
        admin.visible("bot-report");
    }
}
