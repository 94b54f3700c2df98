package dev.kefu.ui;

import static dev.kefu.ui.Ui.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.support.Http;
import dev.kefu.support.TestServer;
import dev.kefu.support.WsClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Routing in real browsers against a real Kefu: the visitor picks a department, waits in line and sees their
 * place, and a supervisor watches a conversation read-only and takes it over. A fresh server per test, since
 * each sets up its own teams, capacities and presence.
 */
class RoutingUiTest extends HostedWorkspaceUi {
    /** An agent's workbench, signed in and connected (so routing counts the agent as available). */
    private Browser workbench(String name, String email) throws Exception {
        Browser b = browser(name);
        Ui.signIn(b, base + "/app/", email, TestServer.PASSWORD);
        Ui.waitConnected(b);
        return b;
    }

    private void awaitWidgetOnline() {
        await().atMost(Duration.ofSeconds(15)).until(() -> server.http
                .get("/api/v1/widget/settings?workspaceId=" + owner.workspaceId(), null).json().get("online").asBoolean());
    }

    private String createTeam(String name, String... memberIds) {
        Http.Reply r = server.http.post("/api/v1/teams", owner.token(), Map.of("name", name, "memberIds", List.of(memberIds)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private void capacity(TestServer.Agent agent, int maxChats) {
        Http.Reply r = server.http.put("/api/v1/agents/" + agent.id() + "/capacity", owner.token(), Map.of("maxChats", maxChats));
        assertThat(r.status()).as(r.body()).isEqualTo(204);
    }

    private JsonNode conversation(String id) {
        Http.Reply r = server.http.get("/api/v1/conversations/" + id, owner.token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** A visitor who wrote over REST (no browser needed): returns the conversation id. */
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

    @Test
    void a_visitor_who_picks_Sales_in_the_pre_chat_form_lands_with_the_Sales_agent() throws Exception {
        TestServer.Agent sam = server.invite("Sam Sales", "agent");
        String sales = createTeam("Sales", sam.id());
        createTeam("Support", owner.id());
        Browser agent = workbench("sales-agent", emailOf(sam));
        awaitWidgetOnline();

        Browser visitor = browser("visitor");
        visitor.get(site.page("/pricing.html", "Acme — pricing", ""));
        visitor.openWidget();
        visitor.visible("prechat-form");
        Select department = new Select(visitor.visible("form-team"));
        assertThat(department.getOptions()).extracting(WebElement::getText)
                .containsExactly("Choose a department…", "Sales", "Support");
        // Two teams: the choice is required.
        visitor.visible("prechat-submit").click();
        assertThat(visitor.visible("prechat-form").getText()).contains("Please choose a department.");
        department.selectByVisibleText("Sales");
        visitor.screenshot("7-visitor-department-choice");
        visitor.visible("prechat-submit").click();

        String question = unique("How much is the enterprise plan?");
        send(visitor, "panel-input", question);
        message(visitor, "visitor", question);
        message(visitor, "system", "An agent joined the conversation");

        WebElement item = Ui.conversationItem(agent, "mine", question);
        String id = item.getDomAttribute("data-conversation-id");
        assertThat(item.getDomAttribute("data-assignee")).isEqualTo(sam.id());
        assertThat(item.findElement(Browser.testId("team-badge")).getText()).isEqualTo("Sales");
        JsonNode c = conversation(id);
        assertThat(c.get("teamId").asText()).isEqualTo(sales);
        assertThat(c.get("assigneeId").asText()).isEqualTo(sam.id());

        Ui.openConversation(agent, "mine", question);
        message(agent, "system", "Assigned to you (least busy)");
        assertThat(agent.visible("conversation-team").getText()).isEqualTo("Sales");
        send(agent, "composer-input", "Happy to help with pricing.");
        message(visitor, "agent", "Happy to help with pricing.");
        agent.screenshot("7-workbench-sales-agent");
    }

    @Test
    void a_widget_bound_to_a_team_asks_no_department() throws Exception {
        TestServer.Agent sam = server.invite("Sam Sales", "agent");
        String sales = createTeam("Sales", sam.id());
        createTeam("Support", owner.id());
        Browser agent = workbench("sales-agent", emailOf(sam));
        awaitWidgetOnline();

        Browser visitor = browser("visitor");
        visitor.get(site.page("/sales.html", "Acme — talk to sales", "data-team=\"" + sales + "\""));
        visitor.openWidget();
        visitor.visible("panel-input");
        assertThat(visitor.all("prechat-form")).noneMatch(WebElement::isDisplayed);
        String question = unique("Can I get a quote for 40 seats?");
        send(visitor, "panel-input", question);
        message(visitor, "visitor", question);

        String id = Ui.conversationItem(agent, "mine", question).getDomAttribute("data-conversation-id");
        assertThat(conversation(id).get("teamId").asText()).isEqualTo(sales);
    }

    @Test
    void a_second_visitor_waits_in_line_and_gets_the_agent_when_the_first_chat_is_resolved() throws Exception {
        capacity(owner, 1);
        Browser agent = workbench("agent", Ui.OWNER_EMAIL);
        awaitWidgetOnline();
        String first = unique("First customer, about a refund");
        String firstId = restVisitorSays(first);
        await().atMost(Duration.ofSeconds(10)).until(() -> owner.id().equals(conversation(firstId).path("assigneeId").asText(null)));
        agent.until("the load at capacity", d -> agent.visible("my-load").getText().contains("1 / 1"));

        Browser visitor = browser("visitor");
        visitor.get(site.page("/help.html", "Acme — help", ""));
        visitor.openWidget();
        String second = unique("Second customer, about delivery");
        send(visitor, "panel-input", second);
        message(visitor, "visitor", second);
        WebElement place = visitor.visible("queue-status");
        visitor.until("the place in line", d -> place.getText().startsWith("You are number 1 in line"));
        visitor.screenshot("8-visitor-number-1-in-line");

        // The agent sees them in the queue, first, with a Take button.
        WebElement queued = Ui.conversationItem(agent, "waiting", second);
        agent.until("the place in the agent's queue", d -> "#1".equals(queued.findElement(Browser.testId("queue-position")).getText()));
        assertThat(queued.findElement(Browser.testId("queue-waited")).getText()).startsWith("waited 0:");
        assertThat(queued.findElement(Browser.testId("queue-expected")).getText()).startsWith("~");
        assertThat(agent.all("queue-take")).anyMatch(WebElement::isDisplayed);
        agent.screenshot("8-workbench-queue");

        // Resolving the first chat frees the slot: routing gives the waiting visitor to the agent.
        Ui.openConversation(agent, "mine", first);
        agent.visible("resolve-button").click();
        message(visitor, "system", "An agent joined the conversation");
        visitor.hidden("queue-status");
        visitor.screenshot("8-visitor-agent-joined");
        Ui.conversationItem(agent, "mine", second);
        agent.until("the load still at capacity", d -> agent.visible("my-load").getText().contains("1 / 1"));
    }

    @Test
    void an_admin_watching_an_agents_conversation_has_no_composer_until_taking_it_over() throws Exception {
        TestServer.Agent bob = server.invite("Bob", "agent");
        WsClient bobOnline = server.connect(bob.token());
        open.add(bobOnline);
        bobOnline.await("hello");
        String question = unique("Where is my parcel?");
        String id = restVisitorSays(question);
        await().atMost(Duration.ofSeconds(10)).until(() -> bob.id().equals(conversation(id).path("assigneeId").asText(null)));

        Browser admin = workbench("admin", Ui.OWNER_EMAIL);
        Ui.openConversation(admin, "open", question);
        WebElement notice = admin.visible("watching-notice");
        assertThat(notice.getText()).contains("Assigned to Bob — you are watching");
        assertThat(admin.all("composer-input")).noneMatch(WebElement::isDisplayed);
        assertThat(admin.visible("conversation-assignee").getText()).isEqualTo("Assigned to Bob");
        admin.screenshot("9-admin-watching");

        admin.visible("takeover-button").click();
        message(admin, "system", "You (supervisor) took over from Bob");
        admin.hidden("watching-notice");
        send(admin, "composer-input", "Hi, I am the team lead — let me sort this out.");
        WebElement sent = message(admin, "agent", "let me sort this out");
        assertThat(sent.getDomAttribute("data-seq")).isNotEmpty();
        assertThat(conversation(id).get("assigneeId").asText()).isEqualTo(owner.id());
        // Bob's live connection learns of it as a system message with the takeover event.
        bobOnline.await("message", m -> m.path("event").path("type").asText().equals("takeover"));
        admin.screenshot("9-admin-took-over");
    }

    @Test
    void an_agent_transfers_a_chat_to_a_team_with_a_note_only_agents_see() throws Exception {
        TestServer.Agent sam = server.invite("Sam Sales", "agent");
        String sales = createTeam("Sales", sam.id());
        Browser agent = workbench("agent", Ui.OWNER_EMAIL);
        TestServer.Visitor visitor = server.visitor(owner.workspaceId());
        String question = unique("I would like to buy 40 licences");
        Http.Reply said = server.http.post("/api/v1/conversations/" + visitor.conversationId() + "/messages", visitor.token(),
                Map.of("clientMsgId", "c-" + UUID.randomUUID(), "text", question));
        assertThat(said.status()).as(said.body()).isEqualTo(201);
        String id = visitor.conversationId();
        await().atMost(Duration.ofSeconds(10)).until(() -> owner.id().equals(conversation(id).path("assigneeId").asText(null)));
        // Sam comes online only now, so the first chat went to the owner.
        WsClient samOnline = server.connect(sam.token());
        open.add(samOnline);
        samOnline.await("hello");

        Ui.openConversation(agent, "mine", question);
        agent.visible("transfer-button").click();
        agent.visible("transfer-dialog");
        agent.until("Sam in the agent list with presence and load", d -> new Select(agent.visible("transfer-agent")).getOptions()
                .stream().anyMatch(o -> o.getText().equals("Sam Sales · online · 0/5 chats")));
        agent.visible("transfer-kind-team").click();
        new Select(agent.visible("transfer-team")).selectByVisibleText("Sales");
        agent.visible("transfer-note").sendKeys("Wants a volume discount");
        agent.screenshot("10-transfer-dialog");
        agent.visible("transfer-submit").click();

        message(agent, "system", "You transferred the conversation to the Sales team");
        WebElement note = agent.visible("agent-note");
        assertThat(note.getText()).contains("Note for agents").contains("the visitor does not see it").contains("Wants a volume discount");
        message(agent, "system", "Assigned to Sam Sales (least busy)");
        agent.visible("watching-notice");
        JsonNode c = conversation(id);
        assertThat(c.get("teamId").asText()).isEqualTo(sales);
        assertThat(c.get("assigneeId").asText()).isEqualTo(sam.id());
        // The visitor's copy of the timeline never has the note.
        String visitorHistory = server.http.get("/api/v1/conversations/" + id + "/messages", visitor.token()).body();
        assertThat(visitorHistory).contains("\"toTeam\"").doesNotContain("volume discount");
        agent.screenshot("10-transferred-to-team");
    }

    @Test
    void an_admin_sets_up_a_team_the_policy_and_an_agents_capacity_in_the_console() throws Exception {
        TestServer.Agent bob = server.invite("Bob", "agent");
        Browser admin = browser("admin");
        Ui.signIn(admin, base + "/admin/", Ui.OWNER_EMAIL, TestServer.PASSWORD);

        admin.visible("nav-teams").click();
        admin.visible("team-new-name").sendKeys("Support");
        admin.visible("team-create").click();
        WebElement card = admin.visible("team-card");
        card.findElement(By.cssSelector("[data-testid='team-member'][data-agent-id='" + bob.id() + "']")).click();
        card.findElement(Browser.testId("team-selectable")).click();
        new Select(card.findElement(Browser.testId("team-policy"))).selectByValue("round_robin");
        card.findElement(Browser.testId("team-save")).click();
        admin.until("the team saved", d -> admin.visible("team-result").getText().equals("Saved."));
        admin.screenshot("11-admin-teams");
        JsonNode team = server.http.get("/api/v1/teams", owner.token()).json().get("items").get(0);
        assertThat(team.get("name").asText()).isEqualTo("Support");
        assertThat(team.get("memberIds")).extracting(JsonNode::asText).containsExactly(bob.id());
        assertThat(team.get("selectable").asBoolean()).isFalse();
        assertThat(team.get("policy").asText()).isEqualTo("round_robin");

        admin.visible("nav-routing").click();
        admin.visible("policy-sticky").click();
        WebElement timeout = admin.visible("answer-timeout");
        timeout.clear();
        timeout.sendKeys("45");
        admin.visible("save-button").click();
        admin.until("the routing settings saved", d -> admin.visible("save-result").getText().equals("Saved."));
        admin.screenshot("11-admin-routing");
        JsonNode routing = server.http.get("/api/v1/routing/settings", owner.token()).json();
        assertThat(routing.get("policy").asText()).isEqualTo("sticky");
        assertThat(routing.get("answerTimeoutSeconds").asInt()).isEqualTo(45);

        admin.visible("nav-agents").click();
        WebElement capacity = admin.until("Bob's capacity field", d -> {
            for (WebElement row : admin.all("agent-row")) {
                if (bob.id().equals(row.getDomAttribute("data-agent-id"))) {
                    return row.findElement(Browser.testId("agent-capacity"));
                }
            }
            return null;
        });
        capacity.clear();
        capacity.sendKeys("3", Keys.TAB);
        admin.visible("capacity-saved");
        admin.screenshot("11-admin-capacity");
        JsonNode load = server.http.get("/api/v1/routing/load", owner.token()).json().get("items");
        assertThat(load).filteredOn(l -> l.get("agentId").asText().equals(bob.id()))
                .extracting(l -> l.get("maxChats").asInt()).containsExactly(3);
    }

    /** The e-mail an invited agent signs in with (TestServer.invite makes it up; read it back). */
    private String emailOf(TestServer.Agent agent) {
        for (JsonNode a : server.http.get("/api/v1/agents", owner.token()).json().get("items")) {
            if (a.get("id").asText().equals(agent.id())) {
                return a.get("email").asText();
            }
        }
        throw new AssertionError("no agent " + agent.id());
    }
}
