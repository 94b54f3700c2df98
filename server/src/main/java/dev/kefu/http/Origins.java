package dev.kefu.http;

import java.net.URI;

/**
 * Whether a browser request comes from our own pages, for what the session cookie authenticates: a write over
 * REST, or a WebSocket handshake (which the same-origin policy does not cover: any site may open one to us, and
 * the browser attaches our cookie).
 */
public final class Origins {
    /** The session cookie of the workbench and admin console (HttpOnly, SameSite=Strict). */
    public static final String SESSION_COOKIE = "kefu_session";

    private Origins() {
    }

    /** True when {@code origin} (an Origin header) names the host the request was sent to. */
    public static boolean same(String origin, String host) {
        if (origin == null || host == null) {
            return false;
        }
        try {
            URI o = URI.create(origin);
            if (o.getHost() == null) {
                return false;
            }
            String authority = o.getPort() == -1 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
