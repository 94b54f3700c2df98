package dev.kefu.bench.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Streaming JSON straight from and into Netty buffers. The bench parses every frame on the event loops that also
 * drive thousands of sockets, so it uses Jackson's streaming API rather than building trees. Thread-safe.
 */
public final class Json {

    /** Shared and thread-safe; parsers and generators made from it are not. */
    public static final JsonFactory FACTORY = JsonFactory.builder().build();

    private Json() {}

    /** A writer of one JSON value into a buffer. */
    @FunctionalInterface
    public interface Writer {
        void write(JsonGenerator json) throws IOException;
    }

    /** Encodes one JSON value into a new buffer from {@code alloc}; the caller owns the returned buffer. */
    public static ByteBuf encode(ByteBufAllocator alloc, Writer writer) {
        ByteBuf buf = alloc.buffer(128);
        try (JsonGenerator json = FACTORY.createGenerator((OutputStream) new ByteBufOutputStream(buf))) {
            writer.write(json);
        } catch (IOException e) {
            buf.release();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
        return buf;
    }

    /** A parser over the readable bytes of {@code buf}; does not change the buffer's reader index or refCnt. */
    public static JsonParser parser(ByteBuf buf) throws IOException {
        if (buf.hasArray()) {
            return FACTORY.createParser(buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.readableBytes());
        }
        return FACTORY.createParser((InputStream) new ByteBufInputStream(buf.duplicate()));
    }

    /**
     * The top-level string fields of a JSON object (other values are skipped), e.g. a small REST request body.
     *
     * @throws IOException if the bytes are not a JSON object
     */
    public static Map<String, String> stringFields(ByteBuf buf) throws IOException {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser p = parser(buf)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                String value = text(p);
                if (value != null) {
                    fields.put(name, value);
                }
            }
        }
        return fields;
    }

    /** Reads the current scalar as a string, or null for JSON null; skips objects and arrays (returns null). */
    static String text(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        return p.getText();
    }

    /** Reads the current value as a long; non-numbers give {@code fallback}. */
    static long number(JsonParser p, long fallback) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
        }
        return fallback;
    }
}
