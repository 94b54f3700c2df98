package dev.kefu.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.agent.Agent;
import dev.kefu.conversation.Conversation;
import dev.kefu.conversation.Message;
import dev.kefu.conversation.Sender;
import dev.kefu.visitor.Visitor;

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
        return n;
    }

    /** A message's fields, written into {@code n} (so a frame can put its {@code type} first). */
    public static ObjectNode message(ObjectNode n, Message m) {
        n.put("conversationId", m.conversationId());
        n.put("id", m.id());
        n.put("seq", m.seq());
        n.set("sender", sender(m.sender()));
        n.put("text", m.text());
        if (m.event() != null) {
            try {
                n.set("event", Json.MAPPER.readTree(m.event()));
            } catch (java.io.IOException e) {
                n.put("event", m.event());
            }
        }
        if (m.attachment() != null) {
            try {
                n.set("attachment", Json.MAPPER.readTree(m.attachment()));
            } catch (java.io.IOException e) {
                n.put("attachment", m.attachment());
            }
        }
        n.put("clientMsgId", m.clientMsgId());
        n.put("createdAt", m.createdAt());
        return n;
    }

    public static ObjectNode message(Message m) {
        return message(Json.MAPPER.createObjectNode(), m);
    }

    public static ObjectNode sender(Sender s) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("kind", s.kind().wire());
        n.put("id", s.id());
        return n;
    }

    public static ObjectNode agent(Agent a) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", a.id());
        n.put("workspaceId", a.workspaceId());
        n.put("email", a.email());
        n.put("name", a.name());
        n.put("role", a.role().wire());
        n.put("active", a.active());
        return n;
    }

    public static ObjectNode visitor(Visitor v) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", v.id());
        n.put("workspaceId", v.workspaceId());
        n.put("name", v.name());
        n.put("email", v.email());
        return n;
    }
}
