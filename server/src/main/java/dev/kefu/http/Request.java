package dev.kefu.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.KefuException;
import dev.kefu.json.Json;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.util.List;
import java.util.Map;

/** An HTTP request after routing: everything a handler may read, already copied off the event loop's buffers. */
public record Request(HttpMethod method, String path, Map<String, String> pathParams,
                      Map<String, List<String>> query, HttpHeaders headers, byte[] body, String clientIp) {

    public String param(String name) {
        return pathParams.get(name);
    }

    /** The first value of a query parameter, or null. */
    public String query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** An integer query parameter within bounds, its default when absent; INVALID when malformed. */
    public long queryLong(String name, long fallback, long min, long max) {
        String v = query(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                throw KefuException.invalid(name + " must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw KefuException.invalid(name + " must be an integer");
        }
    }

    public ObjectNode json() {
        if (body.length == 0) {
            throw new KefuException(ErrorCode.BAD_JSON, "expected a JSON object");
        }
        return Json.object(body);
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** The bearer token from the Authorization header, or null. */
    public String bearer() {
        String auth = headers.get("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).strip();
        }
        return null;
    }

    public String cookie(String name) {
        String header = headers.get("Cookie");
        if (header == null) {
            return null;
        }
        for (Cookie c : ServerCookieDecoder.STRICT.decode(header)) {
            if (c.name().equals(name)) {
                return c.value();
            }
        }
        return null;
    }
}
