package dev.kefu.bench.baseline;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** The JSON bodies the baseline's REST routes answer with, shaped as in docs/api.md. Stateless. */
final class RelayJson {

    private RelayJson() {}

    static void conversation(JsonGenerator json, RelayConversation c) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", c.id);
        json.writeStringField("workspaceId", c.workspaceId);
        json.writeStringField("visitorId", c.visitorId);
        json.writeStringField("state", c.resolved() ? "resolved" : "queued");
        json.writeNullField("assigneeId");
        json.writeNumberField("lastSeq", c.lastSeq());
        json.writeNumberField("createdAt", c.createdAt);
        json.writeNumberField("updatedAt", c.createdAt);
        json.writeEndObject();
    }

    static void visitorSession(JsonGenerator json, RelayVisitor v, RelayConversation current) throws IOException {
        json.writeStartObject();
        json.writeStringField("token", RelayState.visitorToken(v));
        json.writeObjectFieldStart("visitor");
        json.writeStringField("id", v.id);
        json.writeStringField("workspaceId", v.workspaceId);
        json.writeNullField("name");
        json.writeNullField("email");
        json.writeEndObject();
        json.writeFieldName("conversation");
        if (current == null) {
            json.writeNull();
        } else {
            conversation(json, current);
        }
        json.writeEndObject();
    }

    static void login(JsonGenerator json, String agentId, String workspaceId, String email) throws IOException {
        json.writeStartObject();
        json.writeStringField("token", RelayState.AGENT_TOKEN_PREFIX + agentId);
        json.writeNumberField("expiresAt", System.currentTimeMillis() + 86_400_000L);
        json.writeObjectFieldStart("agent");
        json.writeStringField("id", agentId);
        json.writeStringField("workspaceId", workspaceId);
        json.writeStringField("email", email);
        json.writeStringField("name", email);
        json.writeStringField("role", "agent");
        json.writeEndObject();
        json.writeEndObject();
    }

    static void error(JsonGenerator json, String code, String message) throws IOException {
        json.writeStartObject();
        json.writeObjectFieldStart("error");
        json.writeStringField("code", code);
        json.writeStringField("message", message);
        json.writeEndObject();
        json.writeEndObject();
    }
}
