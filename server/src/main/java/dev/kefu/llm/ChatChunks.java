package dev.kefu.llm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.bot.LlmFailure;
import dev.kefu.json.Json;

/** Reads the chat-completions wire format: SSE lines of a streamed answer, or a whole JSON answer. Stateless. */
final class ChatChunks {
    /** What one SSE line means. */
    sealed interface Chunk {
    }

    /** A {@code data:} chunk: a piece of the answer (maybe empty) and whether the model said it finished. */
    record Piece(String text, boolean finished) implements Chunk {
    }

    /** {@code data: [DONE]}: the stream is over. */
    record Done() implements Chunk {
    }

    /** A blank line, a comment (servers send them to keep the connection open) or a field we do not use. */
    record Ignored() implements Chunk {
    }

    private static final Done DONE = new Done();
    private static final Ignored IGNORED = new Ignored();

    private ChatChunks() {
    }

    /** @throws LlmFailure MALFORMED for a data line that is not a JSON object, HTTP_ERROR for an error object */
    static Chunk parseLine(String line) {
        if (!line.startsWith("data:")) {
            return IGNORED;
        }
        String data = line.substring(line.startsWith("data: ") ? 6 : 5).strip();
        if (data.equals("[DONE]")) {
            return DONE;
        }
        JsonNode choice = choiceOf(object(data));
        // Only "content" is the answer: "reasoning_content" (DeepSeek, Qwen) and role-only deltas are not.
        String text = text(choice.path("delta").path("content"));
        if (text.isEmpty()) {
            text = text(choice.path("message").path("content"));
        }
        return new Piece(text, choice.path("finish_reason").isTextual());
    }

    /** The answer of a non-streamed response: {@code choices[0].message.content}; empty when it has none. */
    static String wholeAnswer(String body) {
        JsonNode choice = choiceOf(object(body));
        if (choice.isMissingNode()) {
            throw new LlmFailure(LlmFailure.Reason.MALFORMED, "response has no choices");
        }
        return text(choice.path("message").path("content"));
    }

    /** The server's own words from an error response, if it sent the usual {@code {"error":{"message":…}}}. */
    static String errorMessage(String body) {
        try {
            JsonNode error = Json.MAPPER.readTree(body).path("error");
            JsonNode message = error.isObject() ? error.path("message") : error;
            return message.isTextual() ? message.asText() : body.strip();
        } catch (JacksonException e) {
            return body.strip();
        }
    }

    private static JsonNode choiceOf(JsonNode response) {
        JsonNode error = response.get("error");
        if (error != null && !error.isNull()) {
            throw new LlmFailure(LlmFailure.Reason.HTTP_ERROR, "error in response: " + errorMessage(response.toString()));
        }
        return response.path("choices").path(0);
    }

    private static JsonNode object(String json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JacksonException e) {
            // falls through
        }
        throw new LlmFailure(LlmFailure.Reason.MALFORMED, "not a JSON object: " + abbreviate(json));
    }

    private static String text(JsonNode content) {
        return content.isTextual() ? content.asText() : "";
    }

    static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
