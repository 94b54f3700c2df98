package dev.kefu.api;

import dev.kefu.access.Authenticator;
import dev.kefu.common.Caller;
import dev.kefu.common.KefuException;
import dev.kefu.http.Origins;
import dev.kefu.http.Request;
import io.netty.handler.codec.http.HttpMethod;

/**
 * Who is calling a REST endpoint: a bearer token (visitor or agent), or the workbench's session cookie. A
 * cookie-authenticated request that changes something must come from our own origin (no cross-site forgery).
 */
public final class Callers {
    public static final String SESSION_COOKIE = Origins.SESSION_COOKIE;

    private final Authenticator authenticator;

    public Callers(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    public Caller require(Request r) {
        String bearer = r.bearer();
        if (bearer != null) {
            return authenticator.caller(bearer, r.clientIp()).orElseThrow(KefuException::unauthorized);
        }
        String cookie = r.cookie(SESSION_COOKIE);
        if (cookie != null) {
            if (!r.method().equals(HttpMethod.GET) && !sameOrigin(r)) {
                throw KefuException.forbidden("cross-site request refused");
            }
            return authenticator.caller(cookie, r.clientIp()).orElseThrow(KefuException::unauthorized);
        }
        throw KefuException.unauthorized();
    }

    public Caller.Agent requireAgent(Request r) {
        if (require(r) instanceof Caller.Agent agent) {
            return agent;
        }
        throw KefuException.forbidden("agents only");
    }

    public Caller.Visitor requireVisitor(Request r) {
        if (require(r) instanceof Caller.Visitor visitor) {
            return visitor;
        }
        throw KefuException.forbidden("visitors only");
    }

    private static boolean sameOrigin(Request r) {
        String origin = r.header("Origin");
        // Browsers send Origin on cross-site POSTs; its absence means a same-origin or non-browser client.
        return origin == null || Origins.same(origin, r.header("Host"));
    }
}
