package dev.kefu.mail;

import dev.kefu.agent.Agent;
import dev.kefu.agent.Agents;
import dev.kefu.common.Caller;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.KefuException;
import dev.kefu.conversation.Conversation;
import dev.kefu.conversation.ConversationAccess;
import dev.kefu.conversation.Message;
import dev.kefu.conversation.MessageLog;
import dev.kefu.visitor.Visitor;
import dev.kefu.visitor.Visitors;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * E-mails a conversation's transcript to its visitor: what the visitor saw (their messages, the agents' and the
 * bot's, system lines), never notes. Blocking.
 */
public final class TranscriptService {
    static final int MAX_MESSAGES = 5_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Mailer mailer;
    private final ConversationAccess access;
    private final MessageLog log;
    private final Visitors visitors;
    private final Agents agents;
    private final Function<String, ZoneId> zoneOf;

    public TranscriptService(Mailer mailer, ConversationAccess access, MessageLog log, Visitors visitors, Agents agents,
                             Function<String, ZoneId> zoneOf) {
        this.mailer = mailer;
        this.access = access;
        this.log = log;
        this.visitors = visitors;
        this.agents = agents;
        this.zoneOf = zoneOf;
    }

    /** Sends it to the visitor's e-mail address; returns the address. */
    public String send(Caller caller, String conversationId) {
        if (!mailer.enabled()) {
            throw new KefuException(ErrorCode.INVALID_STATE, "e-mail is not configured on this server");
        }
        Conversation c = access.visible(caller, conversationId);
        Visitor v = visitors.find(c.workspaceId(), c.visitorId())
                .orElseThrow(() -> KefuException.forbidden("no such conversation for this caller"));
        if (v.email() == null || v.email().isBlank()) {
            throw KefuException.invalid("the visitor has no e-mail address yet");
        }
        ZoneId zone = zoneOf.apply(c.workspaceId());
        Map<String, String> names = new HashMap<>();
        for (Agent a : agents.inWorkspace(c.workspaceId())) {
            names.put(a.id(), a.name());
        }
        StringBuilder text = new StringBuilder("Your conversation with us\n\n");
        List<Message> messages = log.after(c.id(), 0, MAX_MESSAGES);
        for (Message m : messages) {
            String who = switch (m.sender().kind()) {
                case VISITOR -> v.name() == null ? "You" : v.name();
                case AGENT -> names.getOrDefault(m.sender().id(), "Agent");
                case BOT -> "Assistant";
                case SYSTEM -> null;
            };
            String when = TIME.format(Instant.ofEpochMilli(m.createdAt()).atZone(zone));
            text.append('[').append(when).append("] ");
            text.append(who == null ? "— " + m.text() : who + ": " + m.text());
            if (m.attachment() != null) {
                text.append(" (attachment)");
            }
            text.append('\n');
        }
        mailer.send(new Mail(List.of(v.email()), null, "Your conversation transcript", text.toString()));
        return v.email();
    }
}
