package dev.kefu.bench.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads server frames (for the load tool) and writes them (for the baseline relay). Stateless and thread-safe.
 */
public final class ServerFrameCodec {

    private ServerFrameCodec() {}

    /**
     * Parses one text frame. Fields may come in any order, so they are collected first and the record is built
     * once {@code type} is known.
     *
     * @throws IOException if the bytes are not a JSON object
     */
    public static ServerFrame parse(ByteBuf frame) throws IOException {
        try (JsonParser p = Json.parser(frame)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("frame is not a JSON object");
            }
            Fields f = new Fields();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                f.read(name, p);
            }
            return f.build();
        }
    }

    /** Collects the fields of one frame while parsing; used only inside {@link #parse}. */
    private static final class Fields {
        String type, role, id, workspaceId, conversationId, clientMsgId, text, senderKind, senderId, code, message, ref;
        long seq = -1, createdAt, time;
        int heartbeatSeconds = 25;
        Map<String, Long> conversations = Map.of();
        List<String> truncated = List.of();

        void read(String name, JsonParser p) throws IOException {
            switch (name) {
                case "type" -> type = Json.text(p);
                case "role" -> role = Json.text(p);
                case "id" -> id = Json.text(p);
                case "workspaceId" -> workspaceId = Json.text(p);
                case "conversationId" -> conversationId = Json.text(p);
                case "clientMsgId" -> clientMsgId = Json.text(p);
                case "text" -> text = Json.text(p);
                case "code" -> code = Json.text(p);
                case "message" -> message = Json.text(p);
                case "ref" -> ref = Json.text(p);
                case "seq" -> seq = Json.number(p, -1);
                case "createdAt" -> createdAt = Json.number(p, 0);
                case "time" -> time = Json.number(p, 0);
                case "heartbeatSeconds" -> heartbeatSeconds = (int) Json.number(p, 25);
                case "sender" -> readSender(p);
                case "conversations" -> conversations = readSeqMap(p);
                case "truncated" -> truncated = readStrings(p);
                default -> p.skipChildren();
            }
        }

        private void readSender(JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "kind" -> senderKind = Json.text(p);
                    case "id" -> senderId = Json.text(p);
                    default -> p.skipChildren();
                }
            }
        }

        ServerFrame build() {
            if (type == null) {
                return new ServerFrame.Other("?");
            }
            return switch (type) {
                case "hello" -> new ServerFrame.Hello(role, id, workspaceId, heartbeatSeconds);
                case "ack" -> new ServerFrame.Ack(clientMsgId, conversationId, id, seq, createdAt);
                case "message" -> new ServerFrame.Message(conversationId, id, seq, senderKind, senderId, text,
                        clientMsgId, createdAt);
                case "resumed" -> new ServerFrame.Resumed(conversations, truncated);
                case "error" -> new ServerFrame.Error(code, message, ref);
                case "pong" -> new ServerFrame.Pong(time);
                default -> new ServerFrame.Other(type);
            };
        }
    }

    /** Reads {@code {"id": seq, ...}}; shared with {@link ClientFrameCodec} for {@code resume}. */
    static Map<String, Long> readSeqMap(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return Map.of();
        }
        Map<String, Long> map = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            map.put(key, Json.number(p, 0));
        }
        return map;
    }

    private static List<String> readStrings(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return List.of();
        }
        List<String> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String s = Json.text(p);
            if (s != null) {
                list.add(s);
            }
        }
        return list;
    }

    /** Encodes {@code frame} into a new buffer owned by the caller. */
    public static ByteBuf encode(ByteBufAllocator alloc, ServerFrame frame) {
        return Json.encode(alloc, json -> write(json, frame));
    }

    private static void write(JsonGenerator json, ServerFrame frame) throws IOException {
        json.writeStartObject();
        switch (frame) {
            case ServerFrame.Hello h -> {
                json.writeStringField("type", "hello");
                json.writeNumberField("protocol", 1);
                json.writeStringField("role", h.role());
                json.writeStringField("id", h.id());
                json.writeStringField("workspaceId", h.workspaceId());
                json.writeNumberField("heartbeatSeconds", h.heartbeatSeconds());
            }
            case ServerFrame.Ack a -> {
                json.writeStringField("type", "ack");
                json.writeStringField("clientMsgId", a.clientMsgId());
                json.writeStringField("conversationId", a.conversationId());
                json.writeStringField("id", a.id());
                json.writeNumberField("seq", a.seq());
                json.writeNumberField("createdAt", a.createdAt());
            }
            case ServerFrame.Message m -> {
                json.writeStringField("type", "message");
                json.writeStringField("conversationId", m.conversationId());
                json.writeStringField("id", m.id());
                json.writeNumberField("seq", m.seq());
                json.writeObjectFieldStart("sender");
                json.writeStringField("kind", m.senderKind());
                json.writeStringField("id", m.senderId());
                json.writeEndObject();
                json.writeStringField("text", m.text());
                json.writeStringField("clientMsgId", m.clientMsgId());
                json.writeNumberField("createdAt", m.createdAt());
            }
            case ServerFrame.Resumed r -> {
                json.writeStringField("type", "resumed");
                json.writeObjectFieldStart("conversations");
                for (Map.Entry<String, Long> e : r.conversations().entrySet()) {
                    json.writeNumberField(e.getKey(), e.getValue());
                }
                json.writeEndObject();
                if (!r.truncated().isEmpty()) {
                    json.writeArrayFieldStart("truncated");
                    for (String id : r.truncated()) {
                        json.writeString(id);
                    }
                    json.writeEndArray();
                }
            }
            case ServerFrame.Error e -> {
                json.writeStringField("type", "error");
                json.writeStringField("code", e.code());
                json.writeStringField("message", e.message());
                json.writeStringField("ref", e.ref());
            }
            case ServerFrame.Pong p -> {
                json.writeStringField("type", "pong");
                json.writeNumberField("time", p.time());
            }
            case ServerFrame.Other o -> json.writeStringField("type", o.type());
        }
        json.writeEndObject();
    }
}
