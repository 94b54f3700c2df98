package dev.kefu.http;

import dev.kefu.common.ErrorCode;
import dev.kefu.json.Json;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: status, content type, body bytes and extra headers. */
public record Response(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {
    public static final String JSON = "application/json; charset=utf-8";

    public static Response json(int status, Object value) {
        return new Response(HttpResponseStatus.valueOf(status), JSON, Json.bytes(value), new LinkedHashMap<>());
    }

    public static Response ok(Object value) {
        return json(200, value);
    }

    public static Response noContent() {
        return new Response(HttpResponseStatus.NO_CONTENT, null, new byte[0], new LinkedHashMap<>());
    }

    public static Response error(ErrorCode code, String message) {
        return error(code.httpStatus(), code.wire(), message);
    }

    public static Response error(int status, String code, String message) {
        return json(status, Map.of("error", Map.of("code", code, "message", message)));
    }

    public Response header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
