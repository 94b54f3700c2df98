package dev.kefu.visitor;

import dev.kefu.common.Caller;
import dev.kefu.common.Clock;
import dev.kefu.common.Ids;
import dev.kefu.common.KefuException;
import dev.kefu.workspace.Workspaces;
import java.time.Duration;
import java.util.Optional;

/** Starts and resumes visitor sessions. Blocking; call from virtual threads. */
public final class VisitorService {
    static final long TOKEN_LIFETIME = Duration.ofDays(365).toMillis();

    private final Workspaces workspaces;
    private final Visitors visitors;
    private final VisitorTokens tokens;
    private final Clock clock;

    public VisitorService(Workspaces workspaces, Visitors visitors, VisitorTokens tokens, Clock clock) {
        this.workspaces = workspaces;
        this.visitors = visitors;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** What a browser tells us when a page with the widget loads. Any field but the workspace may be null. */
    public record Arrival(String workspaceId, String token, String ip, String userAgent, String pageUrl,
                          String referrer, String name, String email) {
    }

    public record Session(String token, Visitor visitor) {
    }

    public Session start(Arrival arrival) {
        if (arrival.workspaceId() == null || !Ids.looksValid(arrival.workspaceId())
                || workspaces.find(arrival.workspaceId()).isEmpty()) {
            throw KefuException.invalid("unknown workspaceId");
        }
        long now = clock.millis();
        Optional<Visitor> known = Optional.ofNullable(arrival.token())
                .flatMap(t -> tokens.verify(t, now))
                .filter(c -> c.workspaceId().equals(arrival.workspaceId()))
                .flatMap(c -> visitors.find(c.workspaceId(), c.id()));
        Visitor visitor;
        if (known.isPresent()) {
            Visitor old = known.get();
            visitor = new Visitor(old.id(), old.workspaceId(),
                    arrival.name() != null ? arrival.name() : old.name(),
                    arrival.email() != null ? arrival.email() : old.email(),
                    arrival.ip(), arrival.userAgent(), arrival.pageUrl(), arrival.referrer(),
                    old.firstSeen(), now, old.visits() + 1);
            visitors.touch(visitor);
        } else {
            visitor = new Visitor(Ids.next(), arrival.workspaceId(), arrival.name(), arrival.email(), arrival.ip(),
                    arrival.userAgent(), arrival.pageUrl(), arrival.referrer(), now, now, 1);
            visitors.create(visitor);
        }
        return new Session(tokens.issue(visitor.workspaceId(), visitor.id(), now + TOKEN_LIFETIME), visitor);
    }

    public Optional<Caller.Visitor> authenticate(String token) {
        return tokens.verify(token, clock.millis());
    }
}
