package dev.kefu.bench.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/** Writes client frames (for the load tool) and reads them (for the baseline relay). Stateless and thread-safe. */
public final class ClientFrameCodec {

    private static final Set<String> IGNORED_TYPES = Set.of("typing", "read");

    private ClientFrameCodec() {}

    /**
     * Parses one text frame, with the protocol's error codes for what is wrong with it.
     *
     * @throws InvalidFrameException {@code bad_json}, {@code unknown_type} or {@code invalid}
     */
    public static ClientFrame parse(ByteBuf frame) throws InvalidFrameException {
        String type = null, conversationId = null, clientMsgId = null, text = null;
        Map<String, Long> conversations = null;
        try (JsonParser p = Json.parser(frame)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidFrameException("bad_json", "the frame is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "type" -> type = Json.text(p);
                    case "conversationId" -> conversationId = Json.text(p);
                    case "clientMsgId" -> clientMsgId = Json.text(p);
                    case "text" -> text = Json.text(p);
                    case "conversations" -> conversations = ServerFrameCodec.readSeqMap(p);
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new InvalidFrameException("bad_json", "the frame is not a JSON object");
        }
        if (type == null) {
            throw new InvalidFrameException("unknown_type", "type is missing");
        }
        return switch (type) {
            case "send" -> {
                require(conversationId, "conversationId");
                require(clientMsgId, "clientMsgId");
                require(text, "text");
                yield new ClientFrame.Send(conversationId, clientMsgId, text);
            }
            case "resume" -> {
                if (conversations == null) {
                    throw new InvalidFrameException("invalid", "conversations is required");
                }
                yield new ClientFrame.Resume(conversations);
            }
            case "ping" -> new ClientFrame.Ping();
            default -> {
                if (!IGNORED_TYPES.contains(type)) {
                    throw new InvalidFrameException("unknown_type", "unknown type " + type);
                }
                yield new ClientFrame.Other(type);
            }
        };
    }

    private static void require(String value, String field) throws InvalidFrameException {
        if (value == null || value.isEmpty()) {
            throw new InvalidFrameException("invalid", field + " is required");
        }
    }

    /** Encodes {@code frame} into a new buffer owned by the caller. */
    public static ByteBuf encode(ByteBufAllocator alloc, ClientFrame frame) {
        return Json.encode(alloc, json -> write(json, frame));
    }

    private static void write(JsonGenerator json, ClientFrame frame) throws IOException {
        json.writeStartObject();
        switch (frame) {
            case ClientFrame.Send s -> {
                json.writeStringField("type", "send");
                json.writeStringField("conversationId", s.conversationId());
                json.writeStringField("clientMsgId", s.clientMsgId());
                json.writeStringField("text", s.text());
            }
            case ClientFrame.Resume r -> {
                json.writeStringField("type", "resume");
                json.writeObjectFieldStart("conversations");
                for (Map.Entry<String, Long> e : r.conversations().entrySet()) {
                    json.writeNumberField(e.getKey(), e.getValue());
                }
                json.writeEndObject();
            }
            case ClientFrame.Ping p -> json.writeStringField("type", "ping");
            case ClientFrame.Other o -> json.writeStringField("type", o.type());
        }
        json.writeEndObject();
    }
}
