package dev.kefu.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.agent.Agent;
import dev.kefu.agent.Invite;
import dev.kefu.agent.PresenceStatus;
import dev.kefu.attachment.Attachment;
import dev.kefu.conversation.Conversation;
import dev.kefu.conversation.ConversationSummary;
import dev.kefu.conversation.Message;
import dev.kefu.conversation.Sender;
import dev.kefu.knowledge.Answer;
import dev.kefu.knowledge.Article;
import dev.kefu.reply.CannedReply;
import dev.kefu.visitor.Block;
import dev.kefu.visitor.Location;
import dev.kefu.visitor.PageView;
import dev.kefu.visitor.Visitor;
import dev.kefu.visitor.VisitorProfile;
import dev.kefu.workspace.WidgetSettings;
import dev.kefu.workspace.Workspace;
import java.io.IOException;

/** The JSON shapes of domain records, shared by REST responses and WebSocket frames (docs/api.md). */
public final class Views {
    private Views() {
    }

    public static ObjectNode conversation(Conversation c) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", c.id());
        n.put("workspaceId", c.workspaceId());
        n.put("visitorId", c.visitorId());
        n.put("state", c.state().wire());
        n.put("assigneeId", c.assigneeId());
        n.put("lastSeq", c.lastSeq());
        n.put("createdAt", c.createdAt());
        n.put("updatedAt", c.updatedAt());
        n.put("lastMessageAt", c.lastMessageAt());
        n.put("teamId", c.teamId());
        putTime(n, "queuedAt", c.queuedAt());
        putTime(n, "assignedAt", c.assignedAt());
        return n;
    }

    private static void putTime(ObjectNode n, String field, long millis) {
        if (millis == 0) {
            n.putNull(field);
        } else {
            n.put(field, millis);
        }
    }

    /** A conversation with the workbench's list details: visitor, newest message preview, read marks. */
    public static ObjectNode conversation(ConversationSummary s) {
        ObjectNode n = conversation(s.conversation());
        ObjectNode visitor = n.putObject("visitor");
        visitor.put("id", s.conversation().visitorId());
        visitor.put("name", s.visitorName());
        visitor.put("email", s.visitorEmail());
        if (s.lastSender() != null) {
            ObjectNode last = n.putObject("lastMessage");
            last.put("text", s.lastText());
            last.set("sender", sender(s.lastSender()));
            last.put("createdAt", s.conversation().lastMessageAt());
        } else {
            n.putNull("lastMessage");
        }
        n.put("agentReadSeq", s.agentReadSeq());
        n.put("visitorReadSeq", s.visitorReadSeq());
        return n;
    }

    /**
     * A message's fields, written into {@code n} (so a frame can put its {@code type} first). For a visitor,
     * notes meant for agents only (a transfer note) are left out.
     */
    public static ObjectNode message(ObjectNode n, Message m, boolean forVisitor) {
        n.put("conversationId", m.conversationId());
        n.put("id", m.id());
        n.put("seq", m.seq());
        n.set("sender", sender(m.sender()));
        n.put("text", m.text());
        if (m.event() != null) {
            JsonNode event = parse(m.event());
            if (forVisitor && event instanceof ObjectNode o) {
                o.remove("note");
            }
            n.set("event", event);
        }
        if (m.attachment() != null) {
            n.set("attachments", parse(m.attachment()));
        }
        n.put("clientMsgId", m.clientMsgId());
        n.put("createdAt", m.createdAt());
        return n;
    }

    public static ObjectNode message(Message m, boolean forVisitor) {
        return message(Json.MAPPER.createObjectNode(), m, forVisitor);
    }

    /** True when agents and the visitor must be sent different copies of this message. */
    public static boolean hasAgentOnlyParts(Message m) {
        return m.event() != null && m.event().contains("\"note\"");
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            return Json.MAPPER.getNodeFactory().textNode(json);
        }
    }

    public static ObjectNode sender(Sender s) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("kind", s.kind().wire());
        n.put("id", s.id());
        return n;
    }

    public static ObjectNode agent(Agent a, PresenceStatus presence) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", a.id());
        n.put("workspaceId", a.workspaceId());
        n.put("email", a.email());
        n.put("name", a.name());
        n.put("role", a.role().wire());
        n.put("active", a.active());
        n.put("presence", presence.wire());
        n.put("createdAt", a.createdAt());
        return n;
    }

    public static ObjectNode visitor(Visitor v) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", v.id());
        n.put("workspaceId", v.workspaceId());
        n.put("name", v.name());
        n.put("email", v.email());
        n.put("phone", v.phone());
        return n;
    }

    public static ObjectNode profile(VisitorProfile p) {
        Visitor v = p.visitor();
        ObjectNode n = visitor(v);
        n.put("pageUrl", v.pageUrl());
        n.put("pageTitle", v.pageTitle());
        n.put("referrer", v.referrer());
        n.put("userAgent", v.userAgent());
        n.put("browser", p.device().browser());
        n.put("os", p.device().os());
        n.put("device", p.device().device());
        n.put("language", v.language());
        n.put("ip", v.ip());
        n.set("location", location(v.location()));
        n.put("firstSeenAt", v.firstSeen());
        n.put("lastSeenAt", v.lastSeen());
        n.put("visits", v.visits());
        n.put("returning", v.visits() > 1);
        n.put("conversationCount", p.conversationCount());
        n.put("userId", v.userId());
        n.put("verified", v.verified());
        ObjectNode sources = n.putObject("contactSources");
        sources.put("name", v.sources().name() == null ? null : v.sources().name().wire());
        sources.put("email", v.sources().email() == null ? null : v.sources().email().wire());
        sources.put("phone", v.sources().phone() == null ? null : v.sources().phone().wire());
        n.set("attributes", Json.MAPPER.valueToTree(v.attributes()));
        n.set("currentPage", p.currentPage() == null ? null : pageView(p.currentPage()));
        ArrayNode views = n.putArray("pageViews");
        p.pageViews().forEach(pv -> views.add(pageView(pv)));
        return n;
    }

    public static ObjectNode location(Location l) {
        if (l == null) {
            return null;
        }
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("countryCode", l.countryCode());
        n.put("countryName", l.countryName());
        n.put("region", l.region());
        n.put("city", l.city());
        return n;
    }

    /** A page view; {@code durationMs} is null while the visitor is still on the page. */
    public static ObjectNode pageView(PageView pv) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("url", pv.url());
        n.put("title", pv.title());
        n.put("referrer", pv.referrer());
        n.put("startedAt", pv.startedAt());
        if (pv.durationMs() == null) {
            n.putNull("durationMs");
        } else {
            n.put("durationMs", pv.durationMs());
        }
        return n;
    }

    public static ObjectNode block(Block b) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", b.id());
        n.put("kind", b.kind().wire());
        n.put("value", b.target());
        n.put("reason", b.reason());
        putTime(n, "expiresAt", b.expiresAt());
        n.put("createdBy", b.createdBy());
        n.put("createdAt", b.createdAt());
        return n;
    }

    public static ObjectNode workspace(Workspace w) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", w.id());
        n.put("name", w.name());
        n.put("timezone", w.timezone());
        n.put("defaultLanguage", w.defaultLanguage());
        n.put("createdAt", w.createdAt());
        return n;
    }

    /** Widget settings; {@code admin} adds what only admins see (allowed origins). */
    public static ObjectNode widget(String workspaceId, WidgetSettings s, boolean admin) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("workspaceId", workspaceId);
        n.put("name", s.name());
        n.put("color", s.color());
        n.put("position", s.position());
        ObjectNode greeting = n.putObject("greeting");
        s.greeting().forEach(greeting::put);
        ObjectNode pre = n.putObject("preChat");
        pre.put("enabled", s.preChat().enabled());
        pre.put("name", s.preChat().name());
        pre.put("email", s.preChat().email());
        ArrayNode langs = n.putArray("languages");
        s.languages().forEach(langs::add);
        n.put("defaultLanguage", s.defaultLanguage());
        if (admin) {
            ArrayNode origins = n.putArray("allowedOrigins");
            s.allowedOrigins().forEach(origins::add);
        }
        return n;
    }

    public static ObjectNode invite(Invite i) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", i.id());
        n.put("email", i.email());
        n.put("role", i.role().wire());
        n.put("expiresAt", i.expiresAt());
        n.put("createdAt", i.createdAt());
        return n;
    }

    public static ObjectNode cannedReply(CannedReply r) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", r.id());
        n.put("shortcut", r.shortcut());
        n.put("title", r.title());
        n.put("text", r.text());
        n.put("personal", r.ownerId() != null);
        return n;
    }

    public static ObjectNode attachment(Attachment a, String url) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", a.id());
        n.put("name", a.name());
        n.put("contentType", a.contentType());
        n.put("size", a.size());
        n.put("url", url);
        if (a.width() != null) {
            n.put("width", a.width());
            n.put("height", a.height());
        }
        return n;
    }

    public static ObjectNode article(Article a) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", a.id());
        n.put("title", a.title());
        ArrayNode questions = n.putArray("questions");
        a.questions().forEach(questions::add);
        n.put("answer", a.answer());
        ArrayNode tags = n.putArray("tags");
        a.tags().forEach(tags::add);
        n.put("enabled", a.enabled());
        n.put("createdAt", a.createdAt());
        n.put("updatedAt", a.updatedAt());
        return n;
    }

    /** The bot's answer to a question; confidence rounded to three decimals. */
    public static ObjectNode botAnswer(Answer a) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("articleId", a.articleId());
        n.put("answer", a.answer());
        n.put("confidence", Math.round(a.confidence() * 1000) / 1000.0);
        n.put("handoff", a.handoff());
        ArrayNode suggestions = n.putArray("suggestions");
        a.suggestions().forEach(s -> suggestions.addObject().put("articleId", s.articleId()).put("title", s.title()));
        return n;
    }
}
