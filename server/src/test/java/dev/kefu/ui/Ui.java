package dev.kefu.ui;

import static dev.kefu.ui.Browser.testId;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Steps shared by the UI tests: signing in, finding conversations and messages. */
final class Ui {
    static final String OWNER_EMAIL = "owner@example.com";

    private Ui() {
    }

    /** Signs in on the login form of {@code url} (the workbench or the admin console). */
    static void signIn(Browser b, String url, String email, String password) {
        b.get(url);
        b.visible("login-email").sendKeys(email);
        b.visible("login-password").sendKeys(password);
        b.visible("login-submit").click();
        b.hidden("login-form");
    }

    /** Waits until the workbench's WebSocket has said hello. */
    static void waitConnected(Browser agent) {
        agent.until("the workbench to connect", d -> {
            String cls = agent.visible("connection-state").getDomAttribute("class");
            return cls != null && cls.contains("open");
        });
    }

    /** Opens the workbench tab ({@code waiting}, {@code mine}, …) and waits for the conversation showing {@code text}. */
    static WebElement conversationItem(Browser agent, String tab, String text) {
        agent.visible("tab-" + tab).click();
        return agent.until("a conversation in '" + tab + "' showing \"" + text + "\"", d -> {
            for (WebElement e : agent.all("conversation-item")) {
                if (e.getText().contains(text)) {
                    return e;
                }
            }
            return null;
        });
    }

    /** Selects the conversation showing {@code text} in the workbench and waits for its chat pane; returns its id. */
    static String openConversation(Browser agent, String tab, String text) {
        WebElement item = conversationItem(agent, tab, text);
        String id = item.getDomAttribute("data-conversation-id");
        item.click();
        agent.until("the chat pane of " + id, d -> {
            WebElement pane = agent.visible("chat-pane");
            return id.equals(pane.getDomAttribute("data-conversation-id"));
        });
        message(agent, null, text);
        return id;
    }

    /**
     * Waits for a stored message (it has a seq) from {@code sender} ({@code visitor}, {@code agent}, {@code system},
     * or null for anyone) whose text contains {@code text}, in the current frame's message list.
     */
    static WebElement message(Browser b, String sender, String text) {
        return b.until("a message from " + (sender == null ? "anyone" : sender) + " with \"" + text + "\"", d -> {
            for (WebElement e : b.all("message")) {
                String seq = e.getDomAttribute("data-seq");
                if (seq != null && !seq.isEmpty() && (sender == null || sender.equals(e.getDomAttribute("data-sender")))
                        && e.getText().contains(text)) {
                    return e;
                }
            }
            return null;
        });
    }

    /** The tick of one's own message ({@code sending}, {@code sent}, {@code delivered}, {@code read}, {@code failed}). */
    static String tick(WebElement message) {
        return message.findElement(testId("message-tick")).getDomAttribute("data-tick");
    }

    /** The {@code data-seq} of every message element in the current frame's list, in page order ("" while pending). */
    static List<String> seqs(Browser b) {
        List<String> out = new ArrayList<>();
        for (WebElement e : b.all("message")) {
            String seq = e.getDomAttribute("data-seq");
            out.add(seq == null ? "" : seq);
        }
        return out;
    }

    /** Whether the image inside {@code message} has loaded (a broken image has naturalWidth 0). */
    static boolean imageLoaded(Browser b, WebElement message) {
        List<WebElement> imgs = message.findElements(By.tagName("img"));
        return !imgs.isEmpty() && Boolean.TRUE.equals(b.js(
                "return arguments[0].complete && arguments[0].naturalWidth > 0", imgs.get(0)));
    }

    /** A small real PNG (an orange square) in a temp folder. */
    static Path png(String name) throws IOException {
        BufferedImage img = new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(new Color(0xf0, 0x8c, 0x00));
        g.fillRect(0, 0, 48, 32);
        g.setColor(Color.WHITE);
        g.fillOval(12, 4, 24, 24);
        g.dispose();
        Path dir = Files.createTempDirectory("kefu-ui-upload");
        Path file = dir.resolve(name);
        ImageIO.write(img, "png", file.toFile());
        return file;
    }
}
