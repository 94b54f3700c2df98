package dev.kefu.ui;

import static dev.kefu.ui.Ui.message;
import static dev.kefu.ui.Ui.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.support.Http;
import dev.kefu.support.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.Color;

/**
 * The widget on a customer's page (another origin) and the workbench, in real browsers, against a real Kefu:
 * one agent stays signed in to the workbench for the whole class (so the widget offers chat), every test
 * brings its own visitor with a fresh browser profile.
 */
@ExtendWith(UiFailureArtifacts.class)
class ChatUiTest {
    private static TestServer server;
    private static HostSite site;
    private static Browser agent;
    private static String base;
    private static TestServer.Agent owner;

    private Browser visitor;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeChromium();
        server = TestServer.sqlite();
        base = "http://127.0.0.1:" + server.port();
        owner = server.owner(Ui.OWNER_EMAIL);
        site = new HostSite(server.port(), owner.workspaceId());
        agent = Browser.open("agent");
        try {
            Ui.signIn(agent, base + "/app/", Ui.OWNER_EMAIL, TestServer.PASSWORD);
            Ui.waitConnected(agent);
        } catch (RuntimeException | Error e) {
            agent.saveFailure("ChatUiTest.start");
            throw e;
        }
        // The widget offers chat (not the offline form) only once the server counts the agent as online.
        await().atMost(Duration.ofSeconds(15)).until(() -> widgetSettings().get("online").asBoolean());
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

    @AfterEach
    void closeVisitor() {
        if (visitor != null) {
            visitor.close();
            visitor = null;
        }
    }

    private static JsonNode widgetSettings() {
        Http.Reply r = server.http.get("/api/v1/widget/settings?workspaceId=" + owner.workspaceId(), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** A visitor on the shop's page with the panel open, ready to chat. */
    private Browser visitorOn(String page) throws Exception {
        visitor = Browser.open("visitor");
        visitor.get(page);
        visitor.openWidget();
        visitor.visible("panel-input");
        return visitor;
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
    void visitor_on_another_origin_and_agent_chat_both_ways_with_typing_read_ticks_and_an_image() throws Exception {
        String page = site.page("/shop.html", "Acme Shop", "");
        assertThat(page).doesNotStartWith(base);
        Browser v = visitorOn(page);
        assertThat(v.visible("agent-status").getText()).isEqualTo("We usually reply in a few minutes");

        // Visitor → agent.
        String hello = unique("Hello, where is my order?");
        send(v, "panel-input", hello);
        WebElement mine = message(v, "visitor", hello);

        // The only agent online: routing gives the conversation to them at once.
        Ui.openConversation(agent, "mine", hello);
        // The agent has it on screen, so it is read: the visitor's tick turns to "read".
        v.until("the visitor's message to be marked read", d -> "read".equals(tick(mine)));

        // The visitor types: the agent sees it, then gets the message.
        WebElement panelInput = v.visible("panel-input");
        panelInput.sendKeys("It was due on Monday");
        agent.visible("typing-indicator");
        panelInput.sendKeys(Keys.ENTER);
        message(agent, "visitor", "It was due on Monday");
        agent.hidden("typing-indicator");
        // The composer grew and shrank with the text; an empty one fits its line without a scroll bar.
        assertThat(v.js("return arguments[0].value === '' && arguments[0].scrollHeight <= arguments[0].clientHeight",
                panelInput)).as("empty composer without overflow").isEqualTo(true);

        // The agent types: the visitor sees it, then gets the reply, and the agent's tick turns to "read".
        WebElement composer = agent.visible("composer-input");
        composer.sendKeys("Let me check that for you.");
        v.visible("typing-indicator");
        v.screenshot("1-visitor-sees-agent-typing");
        composer.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER), "One moment, please.");
        assertThat(agent.js("return arguments[0].scrollHeight <= arguments[0].clientHeight", composer))
                .as("two-line reply box without overflow").isEqualTo(true);
        composer.sendKeys(Keys.ENTER);
        message(v, "agent", "Let me check that for you.");
        v.hidden("typing-indicator");
        WebElement reply = message(agent, "agent", "Let me check that for you.");
        agent.until("the agent's reply to be marked read", d -> "read".equals(tick(reply)));

        // An image from the visitor (the file input behind the paper clip), shown as an image to the agent.
        Path png = Ui.png("receipt.png");
        v.driver.findElement(Browser.testId("file-input")).sendKeys(png.toAbsolutePath().toString());
        v.visible("attachment-preview");
        v.visible("send-button").click();
        WebElement sentImage = v.until("the visitor's image message", d -> {
            for (WebElement e : v.all("message")) {
                if ("visitor".equals(e.getDomAttribute("data-sender")) && !e.getDomAttribute("data-seq").isEmpty()
                        && !e.findElements(By.cssSelector("img")).isEmpty()) {
                    return e;
                }
            }
            return null;
        });
        v.until("the visitor's image to load", d -> Ui.imageLoaded(v, sentImage));
        WebElement received = agent.until("the image at the agent", d -> {
            for (WebElement e : agent.all("message")) {
                if ("visitor".equals(e.getDomAttribute("data-sender")) && !e.findElements(By.tagName("img")).isEmpty()) {
                    return e;
                }
            }
            return null;
        });
        agent.until("the image to load in the workbench", d -> Ui.imageLoaded(agent, received));
        assertThat(received.findElement(By.tagName("img")).getDomAttribute("alt")).isEqualTo("receipt.png");

        v.screenshot("1-visitor-widget-chat");
        agent.screenshot("1-workbench-chat");
        v.top();
        assertThat(v.launcher().getDomAttribute("aria-expanded")).isEqualTo("true");
    }

    @Test
    void a_reload_mid_conversation_shows_the_history_exactly_once() throws Exception {
        Browser v = visitorOn(site.page("/reload.html", "Acme Shop — cart", ""));
        String first = unique("First question before the reload");
        send(v, "panel-input", first);
        message(v, "visitor", first);
        String second = unique("Second line before the reload");
        send(v, "panel-input", second);
        message(v, "visitor", second);

        // The agent answers (over REST, like a second workbench would).
        String conversationId = conversationShowing(second);
        agentSays(conversationId, "An answer before the reload");
        message(v, "agent", "An answer before the reload");
        int lastSeq = server.http.get("/api/v1/conversations/" + conversationId, owner.token()).json().get("lastSeq").asInt();
        assertThat(lastSeq).isGreaterThanOrEqualTo(3);
        List<String> expected = IntStream.rangeClosed(1, lastSeq).mapToObj(String::valueOf).toList();
        v.until("every message before the reload", d -> Ui.seqs(v).equals(expected));

        v.top();
        v.reload();
        v.openWidget();
        v.until("the history after the reload", d -> Ui.seqs(v).equals(expected));

        // A live message after the reload: it arrives after the resume is over, and nothing came twice.
        agentSays(conversationId, "An answer after the reload");
        message(v, "agent", "An answer after the reload");
        List<String> after = Ui.seqs(v);
        assertThat(after).doesNotHaveDuplicates()
                .containsExactlyElementsOf(IntStream.rangeClosed(1, lastSeq + 1).mapToObj(String::valueOf).toList());
        assertThat(v.all("message").stream().filter(e -> e.getText().contains(first)).count()).isEqualTo(1);
        v.screenshot("2-visitor-widget-after-reload");
    }

    @Test
    void a_second_workbench_tab_sees_the_conversation_and_new_messages() throws Exception {
        Browser v = visitorOn(site.page("/tabs.html", "Acme Shop — returns", ""));
        String question = unique("Can I return these shoes?");
        send(v, "panel-input", question);
        message(v, "visitor", question);
        String conversationId = Ui.openConversation(agent, "mine", question);

        String firstTab = agent.driver.getWindowHandle();
        String secondTab = agent.newTab();
        try {
            // The agent's token lives in sessionStorage, per tab: the second tab has none and goes on the session
            // cookie, without signing in again.
            agent.get(base + "/app/");
            Ui.waitConnected(agent);
            assertThat(agent.all("login-email")).as("no login form").isEmpty();
            assertThat(Ui.openConversation(agent, "mine", question)).isEqualTo(conversationId);

            v.visible("panel-input").sendKeys("They are one size too small.", Keys.ENTER);
            message(agent, "visitor", "They are one size too small.");
            send(agent, "composer-input", "Sure, I will send you a return label.");
            message(v, "agent", "Sure, I will send you a return label.");
            agent.screenshot("3-workbench-second-tab");

            // The first tab got both while in the background, and what it sends shows in the second one too.
            agent.switchTo(firstTab);
            agent.until("the first tab in front", d -> "visible".equals(agent.js("return document.visibilityState")));
            message(agent, "visitor", "They are one size too small.");
            message(agent, "agent", "Sure, I will send you a return label.");
            send(agent, "composer-input", "The label is on its way to your e-mail.");
            message(v, "agent", "The label is on its way to your e-mail.");
            assertThat(Ui.seqs(agent)).doesNotHaveDuplicates();
            agent.screenshot("3-workbench-first-tab");
            agent.switchTo(secondTab);
            message(agent, "agent", "The label is on its way to your e-mail.");
            assertThat(Ui.seqs(agent)).doesNotHaveDuplicates();
        } finally {
            agent.switchTo(secondTab);
            agent.driver.close();
            agent.switchTo(firstTab);
        }
        assertThat(agent.js("return document.visibilityState")).isEqualTo("visible");
    }

    @Test
    void the_colour_and_side_chosen_in_the_admin_console_paint_the_launcher_and_the_panel() throws Exception {
        String colour = "#0f766e";
        try (Browser admin = Browser.open("admin")) {
            Ui.signIn(admin, base + "/admin/", Ui.OWNER_EMAIL, TestServer.PASSWORD);
            WebElement hex = admin.visible("widget-color-hex");
            hex.clear();
            hex.sendKeys(colour, Keys.TAB);
            admin.until("the colour picker to follow the hex field",
                    d -> colour.equals(admin.visible("widget-color").getDomProperty("value")));
            admin.driver.findElement(Browser.testId("position-left")).click();
            admin.visible("save-button").click();
            WebElement result = admin.visible("save-result");
            assertThat(result.getDomAttribute("class")).as(result.getText()).contains("success");
            admin.screenshot("5-admin-widget-colour");
        }
        JsonNode saved = widgetSettings();
        assertThat(saved.get("color").asText()).isEqualTo(colour);
        assertThat(saved.get("position").asText()).isEqualTo("left");

        // A first-time visitor: the launcher has the workspace's colour and side before the panel is ever loaded.
        Browser v = visitor = Browser.open("visitor");
        v.get(site.page("/colour.html", "Acme Shop — colour", ""));
        v.until("the launcher in the workspace's colour", d -> colour.equals(hexColour(v.launcher(), "background-color")));
        assertThat(v.launcher().getRect().getX()).as("launcher on the left").isLessThan(100);
        assertThat(v.widgetRoot().findElements(Browser.testId("kefu-frame"))).as("panel not loaded yet").isEmpty();

        v.openWidget();
        assertThat(hexColour(v.visible("send-button"), "background-color")).isEqualTo(colour);
        assertThat(hexColour(v.driver.findElement(By.cssSelector("[data-testid='panel'] header")), "background-color"))
                .isEqualTo(colour);
        v.top();
        assertThat(v.launcher().getRect().getX()).as("launcher still on the left").isLessThan(100);
        v.screenshot("5-visitor-widget-colour");

        // The next page of the same visitor paints the launcher the same way from the start.
        v.reload();
        assertThat(hexColour(v.launcher(), "background-color")).isEqualTo(colour);
        assertThat(v.launcher().getRect().getX()).isLessThan(100);

        // Back to the right-hand side for the other tests' screenshots.
        ObjectNode settings = (ObjectNode) server.http.get("/api/v1/workspace/widget-settings", owner.token()).json();
        settings.put("position", "right");
        Http.Reply put = server.http.send(server.http.builder("/api/v1/workspace/widget-settings", owner.token())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(settings.toString())));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
    }

    private static String hexColour(WebElement e, String property) {
        return Color.fromString(e.getCssValue(property)).asHex();
    }

    @Test
    void a_zh_CN_snippet_shows_the_panel_in_Chinese() throws Exception {
        Browser v = visitor = Browser.open("visitor");
        v.get(site.page("/zh.html", "商店", "data-lang=\"zh-CN\""));
        assertThat(v.launcher().getDomAttribute("aria-label")).isEqualTo("打开聊天");
        v.openWidget();
        // Strings of web/src/panel/strings.ts (zh): the default greeting, status, placeholder, send button.
        assertThat(v.visible("greeting").getText()).isEqualTo("您好！请问有什么可以帮您？");
        assertThat(v.visible("agent-status").getText()).isEqualTo("我们通常会在几分钟内回复");
        WebElement input = v.visible("panel-input");
        assertThat(input.getDomAttribute("placeholder")).isEqualTo("输入消息…");
        assertThat(v.visible("send-button").getDomAttribute("aria-label")).isEqualTo("发送");
        assertThat(v.js("return document.documentElement.lang")).isEqualTo("zh-CN");

        // Agents pick chats by hand here: the conversation waits until the agent takes it.
        routingPolicy("manual");
        try {
            String question = unique("你好，请问运费多少？");
            send(v, "panel-input", question);
            WebElement mine = message(v, "visitor", question);
            Ui.openConversation(agent, "waiting", question);
            agent.visible("take-button").click();
            // The timeline line of the take, in Chinese, and the read tick's label.
            message(v, "system", "客服已接入");
            v.until("the read tick", d -> "read".equals(tick(mine)));
            assertThat(mine.findElement(Browser.testId("message-tick")).getDomAttribute("aria-label")).isEqualTo("已读");
        } finally {
            routingPolicy("least_busy");
        }
        v.screenshot("6-visitor-widget-zh-CN");
        agent.screenshot("6-workbench-zh-CN");
    }

    private static void routingPolicy(String policy) {
        Http.Reply r = server.http.put("/api/v1/routing/settings", owner.token(), Map.of("policy", policy));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static String conversationShowing(String text) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> {
            // Routing has given it to the agent already, or is about to: look at every state.
            JsonNode items = server.http.get("/api/v1/conversations?limit=100", owner.token()).json().get("items");
            for (JsonNode c : items) {
                JsonNode last = c.get("lastMessage");
                if (last != null && !last.isNull() && text.equals(last.get("text").asText())) {
                    return c.get("id").asText();
                }
            }
            return null;
        }, id -> id != null);
    }

    private static void agentSays(String conversationId, String text) {
        Http.Reply r = server.http.post("/api/v1/conversations/" + conversationId + "/messages", owner.token(),
                Map.of("clientMsgId", "rest-" + UUID.randomUUID(), "text", text));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
}
