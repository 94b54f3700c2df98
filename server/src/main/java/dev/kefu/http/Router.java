package dev.kefu.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps method + path pattern to a handler. Patterns are literal segments and {@code {name}} placeholders,
 * e.g. {@code /api/v1/conversations/{id}/messages}. Built at start-up, read-only afterwards, so thread-safe.
 */
public final class Router {
    private record Route(HttpMethod method, String[] segments, HttpHandler handler) {
    }

    /** The result of routing: a handler with its path parameters, or why there is none. */
    public sealed interface Match {
        record Found(HttpHandler handler, Map<String, String> params) implements Match {
        }

        record MethodNotAllowed() implements Match {
        }

        record NotFound() implements Match {
        }
    }

    private final List<Route> routes = new ArrayList<>();

    public Router add(HttpMethod method, String pattern, HttpHandler handler) {
        routes.add(new Route(method, split(pattern), handler));
        return this;
    }

    public Router get(String pattern, HttpHandler handler) {
        return add(HttpMethod.GET, pattern, handler);
    }

    public Router post(String pattern, HttpHandler handler) {
        return add(HttpMethod.POST, pattern, handler);
    }

    public Router put(String pattern, HttpHandler handler) {
        return add(HttpMethod.PUT, pattern, handler);
    }

    public Router patch(String pattern, HttpHandler handler) {
        return add(HttpMethod.PATCH, pattern, handler);
    }

    public Router delete(String pattern, HttpHandler handler) {
        return add(HttpMethod.DELETE, pattern, handler);
    }

    public Match match(HttpMethod method, String path) {
        String[] parts = split(path);
        boolean pathMatched = false;
        for (Route route : routes) {
            Map<String, String> params = bind(route.segments(), parts);
            if (params == null) {
                continue;
            }
            if (route.method().equals(method) || (method.equals(HttpMethod.HEAD) && route.method().equals(HttpMethod.GET))) {
                return new Match.Found(route.handler(), params);
            }
            pathMatched = true;
        }
        return pathMatched ? new Match.MethodNotAllowed() : new Match.NotFound();
    }

    private static Map<String, String> bind(String[] pattern, String[] parts) {
        if (pattern.length != parts.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>(4);
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                if (parts[i].isEmpty()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 1), parts[i]);
            } else if (!p.equals(parts[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.split("/", -1);
    }
}
