package dev.kefu.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.common.Caller;
import dev.kefu.conversation.Conversation;
import dev.kefu.conversation.ConversationEvent;
import dev.kefu.conversation.Message;
import dev.kefu.conversation.Sender;
import dev.kefu.json.Json;
import dev.kefu.json.Views;
import dev.kefu.visitor.VisitorChanged;
import java.util.Map;

/** Encodes every frame the server sends (docs/protocol.md) to UTF-8 JSON bytes, once per event. */
final class Frames {
    private Frames() {
    }

    private static ObjectNode frame(String type) {
        return Json.MAPPER.createObjectNode().put("type", type);
    }

    static byte[] hello(Caller caller, long heartbeatMillis) {
        ObjectNode n = frame("hello").put("protocol", 1)
                .put("role", caller instanceof Caller.Agent ? "agent" : "visitor")
                .put("id", caller.id()).put("workspaceId", caller.workspaceId())
                .put("heartbeatSeconds", Math.max(1, heartbeatMillis / 1000));
        return Json.bytes(n);
    }

    static byte[] message(Message m, boolean forVisitor) {
        return Json.bytes(Views.message(frame("message"), m, forVisitor));
    }

    static byte[] agentPresence(String agentId, String status) {
        return Json.bytes(frame("presence").put("agentId", agentId).put("status", status));
    }

    static byte[] workspacePresence(boolean anyOnline) {
        return Json.bytes(frame("presence").put("anyOnline", anyOnline));
    }

    static byte[] ack(Message m) {
        return Json.bytes(frame("ack").put("clientMsgId", m.clientMsgId()).put("conversationId", m.conversationId())
                .put("id", m.id()).put("seq", m.seq()).put("createdAt", m.createdAt()));
    }

    static byte[] typing(String conversationId, Sender sender, boolean typing) {
        ObjectNode n = frame("typing").put("conversationId", conversationId);
        n.set("sender", Views.sender(sender));
        return Json.bytes(n.put("typing", typing));
    }

    static byte[] read(String conversationId, Sender reader, long seq) {
        ObjectNode n = frame("read").put("conversationId", conversationId);
        n.set("reader", Views.sender(reader));
        return Json.bytes(n.put("seq", seq));
    }

    static byte[] note(ConversationEvent.NoteAdded n) {
        ObjectNode f = frame("note").put("conversationId", n.conversationId());
        f.putObject("note").put("id", n.noteId()).put("authorId", n.authorId()).put("text", n.text())
                .put("createdAt", n.createdAt());
        return Json.bytes(f);
    }

    static byte[] labels(String conversationId, java.util.List<String> labelIds) {
        ObjectNode f = frame("labels").put("conversationId", conversationId);
        var ids = f.putArray("labelIds");
        labelIds.forEach(ids::add);
        return Json.bytes(f);
    }

    static byte[] botDelta(ConversationEvent.BotDelta d) {
        ObjectNode f = frame("bot.delta").put("conversationId", d.conversationId()).put("streamId", d.streamId());
        if (d.text() == null) {
            f.put("dropped", true);
        } else {
            f.put("text", d.text());
        }
        return Json.bytes(f);
    }

    static byte[] queue(String conversationId, int position, long expectedWaitSeconds) {
        ObjectNode n = frame("queue").put("conversationId", conversationId).put("position", position);
        if (expectedWaitSeconds < 0) {
            n.putNull("expectedWaitSeconds");
        } else {
            n.put("expectedWaitSeconds", expectedWaitSeconds);
        }
        return Json.bytes(n);
    }

    static byte[] conversation(Conversation c) {
        ObjectNode n = frame("conversation");
        n.set("conversation", Views.conversation(c));
        return Json.bytes(n);
    }

    static byte[] resumed(Map<String, Long> delivered, Iterable<String> truncated) {
        ObjectNode n = frame("resumed");
        ObjectNode conversations = n.putObject("conversations");
        delivered.forEach(conversations::put);
        var list = n.putArray("truncated");
        truncated.forEach(list::add);
        return Json.bytes(n);
    }

    /** Something agents show about a visitor changed; {@code page} is where the visitor is now (or null). */
    static byte[] visitor(VisitorChanged v) {
        ObjectNode n = frame("visitor").put("visitorId", v.visitorId()).put("conversationId", v.conversationId());
        var changed = n.putArray("changed");
        v.changed().forEach(changed::add);
        n.set("currentPage", v.page() == null ? null : Views.pageView(v.page()));
        return Json.bytes(n);
    }

    static byte[] pong(long now) {
        return Json.bytes(frame("pong").put("time", now));
    }

    static byte[] error(String code, String message, String ref) {
        ObjectNode n = frame("error").put("code", code).put("message", message);
        if (ref != null) {
            n.put("ref", ref);
        }
        return Json.bytes(n);
    }
}
