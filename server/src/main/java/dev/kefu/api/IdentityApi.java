package dev.kefu.api;

import dev.kefu.common.Caller;
import dev.kefu.http.Response;
import dev.kefu.http.Router;
import dev.kefu.json.Json;
import dev.kefu.visitor.IdentityService;
import dev.kefu.visitor.IdentitySecrets;
import java.util.Optional;

/** The workspace's identity secret, for admins: made (and shown) once, then only whether there is one. */
public final class IdentityApi {
    private final IdentityService identities;
    private final Callers callers;

    public IdentityApi(IdentityService identities, Callers callers) {
        this.identities = identities;
        this.callers = callers;
    }

    public void routes(Router router) {
        router.post("/api/v1/workspace/identity-secret", r -> {
            IdentitySecrets.Secret s = identities.generate(callers.requireAgent(r));
            return Response.json(201, Json.MAPPER.createObjectNode().put("secret", s.value())
                    .put("createdAt", s.createdAt())).header("Cache-Control", "no-store");
        });
        router.get("/api/v1/workspace/identity-secret", r -> {
            Caller.Agent admin = callers.requireAgent(r);
            Optional<Long> created = identities.createdAt(admin);
            var n = Json.MAPPER.createObjectNode().put("configured", created.isPresent());
            if (created.isPresent()) {
                n.put("createdAt", created.get());
            } else {
                n.putNull("createdAt");
            }
            return Response.ok(n);
        });
        router.delete("/api/v1/workspace/identity-secret", r -> {
            identities.remove(callers.requireAgent(r));
            return Response.noContent();
        });
    }
}
