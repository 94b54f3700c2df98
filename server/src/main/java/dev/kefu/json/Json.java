package dev.kefu.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.KefuException;

/** The one configured Jackson mapper, and strict helpers to read fields with clear errors. Thread-safe. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(1 << 20).maxNumberLength(32).build());
    }

    private Json() {
    }

    /** Parses a JSON object or throws BAD_JSON. */
    public static ObjectNode object(byte[] bytes) {
        return object(() -> MAPPER.readTree(bytes));
    }

    public static ObjectNode object(String text) {
        return object(() -> MAPPER.readTree(text));
    }

    private interface Parse {
        JsonNode run() throws java.io.IOException;
    }

    private static ObjectNode object(Parse parse) {
        try {
            JsonNode node = parse.run();
            if (node instanceof ObjectNode o) {
                return o;
            }
        } catch (java.io.IOException e) {
            // falls through to the same error
        }
        throw new KefuException(ErrorCode.BAD_JSON, "expected a JSON object");
    }

    /** A string field, or null when absent or JSON null; INVALID when it is another type or too long. */
    public static String string(JsonNode node, String field, int maxLength) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw KefuException.invalid(field + " must be a string");
        }
        String s = v.asText();
        if (s.length() > maxLength) {
            throw KefuException.invalid(field + " is longer than " + maxLength + " characters");
        }
        return s;
    }

    public static String requiredString(JsonNode node, String field, int maxLength) {
        String s = string(node, field, maxLength);
        if (s == null || s.isEmpty()) {
            throw KefuException.invalid(field + " is required");
        }
        return s;
    }

    public static long requiredLong(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) {
            throw KefuException.invalid(field + " must be an integer");
        }
        return v.asLong();
    }

    public static boolean requiredBoolean(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isBoolean()) {
            throw KefuException.invalid(field + " must be true or false");
        }
        return v.asBoolean();
    }

    /** An optional array of strings (e.g. upload ids): empty when absent; INVALID when malformed or too long. */
    public static java.util.List<String> strings(JsonNode node, String field, int maxItems) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return java.util.List.of();
        }
        if (!n.isArray() || n.size() > maxItems) {
            throw KefuException.invalid(field + " must be an array of at most " + maxItems + " strings");
        }
        java.util.List<String> out = new java.util.ArrayList<>(n.size());
        for (JsonNode x : n) {
            if (!x.isTextual()) {
                throw KefuException.invalid(field + " must be an array of strings");
            }
            out.add(x.asText());
        }
        return out;
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
