package dev.kefu.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.KefuException;
import dev.kefu.conversation.AttachmentService;
import dev.kefu.conversation.ChatService;
import dev.kefu.json.Json;
import dev.kefu.visitor.VisitorActivity;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every frame a client may send (docs/protocol.md), in one place. Parsed on the event loop; cheap and bounded. */
sealed interface WsInbound {
    int MAX_RESUME = 500;

    record Send(String conversationId, String clientMsgId, String text, List<String> attachments) implements WsInbound {
    }

    record Typing(String conversationId, boolean typing) implements WsInbound {
    }

    record Read(String conversationId, long seq) implements WsInbound {
    }

    record Resume(Map<String, Long> conversations) implements WsInbound {
    }

    record Ping() implements WsInbound {
    }

    /** The visitor's widget moved to another page of the host site. */
    record Page(String url, String title, String referrer) implements WsInbound {
    }

    /** A frame that could not be accepted; {@code ref} points the client at what was refused. */
    final class Refused extends RuntimeException {
        final String code;
        final String ref;

        Refused(String code, String message, String ref) {
            super(message, null, false, false);
            this.code = code;
            this.ref = ref;
        }
    }

    static WsInbound parse(String text) {
        ObjectNode o;
        try {
            o = Json.object(text);
        } catch (KefuException e) {
            throw new Refused(ErrorCode.BAD_JSON.wire(), "the frame is not a JSON object", null);
        }
        JsonNode typeNode = o.get("type");
        String type = typeNode != null && typeNode.isTextual() ? typeNode.asText() : null;
        if (type == null) {
            throw new Refused(ErrorCode.INVALID.wire(), "type is required", null);
        }
        String ref = type;
        if (type.equals("send") && o.get("clientMsgId") instanceof JsonNode id && id.isTextual()
                && id.asText().length() <= ChatService.MAX_CLIENT_MSG_ID) {
            ref = id.asText();
        }
        try {
            return switch (type) {
                case "send" -> new Send(Json.requiredString(o, "conversationId", 64),
                        Json.requiredString(o, "clientMsgId", ChatService.MAX_CLIENT_MSG_ID),
                        Json.string(o, "text", 1 << 20), Json.strings(o, "attachments", AttachmentService.MAX_PER_MESSAGE));
                case "typing" -> new Typing(Json.requiredString(o, "conversationId", 64),
                        Json.requiredBoolean(o, "typing"));
                case "read" -> new Read(Json.requiredString(o, "conversationId", 64), Json.requiredLong(o, "seq"));
                case "resume" -> new Resume(resumeMap(o));
                case "ping" -> new Ping();
                case "page" -> new Page(Json.requiredString(o, "url", VisitorActivity.MAX_URL),
                        Json.string(o, "title", VisitorActivity.MAX_TITLE),
                        Json.string(o, "referrer", VisitorActivity.MAX_URL));
                default -> throw new Refused("unknown_type", "unknown frame type '" + abbreviate(type) + "'", abbreviate(type));
            };
        } catch (KefuException e) {
            throw new Refused(e.code().wire(), e.getMessage(), ref);
        }
    }

    private static Map<String, Long> resumeMap(ObjectNode o) {
        JsonNode c = o.get("conversations");
        if (c == null || !c.isObject()) {
            throw KefuException.invalid("conversations must be an object of conversation id to last seen seq");
        }
        if (c.size() > MAX_RESUME) {
            throw KefuException.invalid("at most " + MAX_RESUME + " conversations can be resumed at once");
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isIntegralNumber() || e.getValue().asLong() < 0) {
                throw KefuException.invalid("conversations values must be non-negative integers");
            }
            out.put(e.getKey(), e.getValue().asLong());
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) : s;
    }
}
