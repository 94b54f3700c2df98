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
    private final UserAgents userAgents;
    private final Clock clock;

    public VisitorService(Workspaces workspaces, Visitors visitors, VisitorTokens tokens, UserAgents userAgents,
                          Clock clock) {
        this.workspaces = workspaces;
        this.visitors = visitors;
        this.tokens = tokens;
        this.userAgents = userAgents;
        this.clock = clock;
    }

    /** What a browser tells us when a page with the widget loads. Any field but the workspace may be null. */
    public record Arrival(String workspaceId, String token, String ip, String userAgent, String pageUrl,
                          String pageTitle, String referrer, String language, String name, String email) {
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
                    arrival.ip(), arrival.userAgent(), arrival.pageUrl(), arrival.pageTitle(), arrival.referrer(),
                    arrival.language(), old.firstSeen(), now, old.visits() + 1);
            visitors.touch(visitor);
        } else {
            visitor = new Visitor(Ids.next(), arrival.workspaceId(), arrival.name(), arrival.email(), arrival.ip(),
                    arrival.userAgent(), arrival.pageUrl(), arrival.pageTitle(), arrival.referrer(), arrival.language(),
                    now, now, 1);
            visitors.create(visitor);
        }
        return new Session(tokens.issue(visitor.workspaceId(), visitor.id(), now + TOKEN_LIFETIME), visitor);
    }

    /**
     * A visitor's profile for an agent of the same workspace (NOT_FOUND otherwise).
     *
     * @param conversationCount counts the visitor's conversations
     */
    public VisitorProfile profile(Caller.Agent agent, String visitorId,
                                  java.util.function.ToIntBiFunction<String, String> conversationCount) {
        Visitor v = (Ids.looksValid(visitorId) ? visitors.find(agent.workspaceId(), visitorId) : Optional.<Visitor>empty())
                .orElseThrow(() -> new KefuException(dev.kefu.common.ErrorCode.NOT_FOUND, "no such visitor"));
        return new VisitorProfile(v, v.userAgent() == null ? new UserAgents.Device(null, null, null)
                : userAgents.parse(v.userAgent()), conversationCount.applyAsInt(v.workspaceId(), v.id()));
    }

    /** Sets name and e-mail a visitor gave (e.g. in the offline form); null leaves one as it is. */
    public Visitor identify(Caller.Visitor caller, String name, String email) {
        Visitor v = visitors.find(caller.workspaceId(), caller.id()).orElseThrow(KefuException::unauthorized);
        if (name != null && name.length() > 100) {
            throw KefuException.invalid("name is longer than 100 characters");
        }
        if (email != null && !email.matches("[^@\\s]{1,64}@[^@\\s]{1,255}")) {
            throw KefuException.invalid("email is not a valid e-mail address");
        }
        Visitor updated = new Visitor(v.id(), v.workspaceId(), name != null ? name.strip() : v.name(),
                email != null ? email.strip() : v.email(), v.ip(), v.userAgent(), v.pageUrl(), v.pageTitle(),
                v.referrer(), v.language(), v.firstSeen(), clock.millis(), v.visits());
        visitors.touch(updated);
        return updated;
    }

    public Optional<Caller.Visitor> authenticate(String token) {
        return tokens.verify(token, clock.millis());
    }
}
