package dev.kefu.mail;

import dev.kefu.agent.Agent;
import dev.kefu.agent.Agents;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a workspace's agents by e-mail about an offline message, in the background: the visitor's request never
 * waits for (or fails with) the mail server.
 */
public final class Notifications {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private final Mailer mailer;
    private final Agents agents;
    private final Executor background;
    private final String publicUrl;

    public Notifications(Mailer mailer, Agents agents, Executor background, String publicUrl) {
        this.mailer = mailer;
        this.agents = agents;
        this.background = background;
        this.publicUrl = publicUrl;
    }

    public void offlineMessage(String workspaceId, String conversationId, String name, String email, String text) {
        if (!mailer.enabled()) {
            return;
        }
        background.execute(() -> {
            List<String> to = agents.inWorkspace(workspaceId).stream().filter(Agent::active).map(Agent::email).toList();
            if (to.isEmpty()) {
                return;
            }
            String who = name == null || name.isBlank() ? email : name + " <" + email + ">";
            String body = who + " left a message while nobody was available:\n\n" + text + "\n\n"
                    + "Answer it in the workbench: " + publicUrl + "/app/#/c/" + conversationId + "\n"
                    + "(or reply to this e-mail to write to " + email + " directly)\n";
            try {
                mailer.send(new Mail(to, email, "[Kefu] Offline message from " + who, body));
            } catch (RuntimeException e) {
                LOG.warn("could not e-mail the offline message of conversation {}: {}", conversationId, e.getMessage());
            }
        });
    }
}
