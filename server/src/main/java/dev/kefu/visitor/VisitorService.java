package dev.kefu.visitor;

import dev.kefu.common.Caller;
import dev.kefu.common.Clock;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.Ids;
import dev.kefu.common.KefuException;
import dev.kefu.workspace.Workspaces;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToIntBiFunction;
import java.util.regex.Pattern;

/**
 * Starts and resumes visitor sessions, links them to the host site's signed user ids, and keeps the visitor's
 * contact details. Blocking; call from virtual threads.
 */
public final class VisitorService {
    static final long TOKEN_LIFETIME = Duration.ofDays(365).toMillis();
    /** A session start after this much quiet is a new visit. */
    static final long VISIT_GAP = Duration.ofMinutes(30).toMillis();
    public static final int MAX_NAME = 100;
    public static final int MAX_PHONE = 32;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{3," + MAX_PHONE + "}");

    private final Workspaces workspaces;
    private final Visitors visitors;
    private final VisitorTokens tokens;
    private final UserAgents userAgents;
    private final GeoIp geoIp;
    private final IdentityService identities;
    private final BlockList blocks;
    private final VisitorActivity activity;
    private final Clock clock;

    /** The collaborators of {@link VisitorService}, named, since there are several. */
    public record Parts(Workspaces workspaces, Visitors visitors, VisitorTokens tokens, UserAgents userAgents,
                        GeoIp geoIp, IdentityService identities, BlockList blocks, VisitorActivity activity) {
    }

    public VisitorService(Parts parts, Clock clock) {
        this.workspaces = parts.workspaces();
        this.visitors = parts.visitors();
        this.tokens = parts.tokens();
        this.userAgents = parts.userAgents();
        this.geoIp = parts.geoIp();
        this.identities = parts.identities();
        this.blocks = parts.blocks();
        this.activity = parts.activity();
        this.clock = clock;
    }

    /**
     * What a browser tells us when a page with the widget loads. Any field but the workspace may be null;
     * {@code name} and {@code email} are the visitor's own words (unverified), {@code identity} what the host page
     * passes.
     */
    public record Arrival(String workspaceId, String token, String ip, String userAgent, String pageUrl,
                          String pageTitle, String referrer, String language, String name, String email,
                          Identity identity) {
        public Arrival(String workspaceId, String token, String ip, String userAgent, String pageUrl,
                       String pageTitle, String referrer, String language, String name, String email) {
            this(workspaceId, token, ip, userAgent, pageUrl, pageTitle, referrer, language, name, email, null);
        }
    }

    public record Session(String token, Visitor visitor) {
    }

    /**
     * Recognises the visitor (by the host site's signed user id, else by the token an earlier visit left) or makes a
     * new one, and records the page. Refused before anything is stored: BLOCKED for a blocked IP or visitor,
     * FORBIDDEN for a user id without a valid signature, INVALID for malformed details.
     */
    public Session start(Arrival arrival) {
        if (arrival.workspaceId() == null || !Ids.looksValid(arrival.workspaceId())
                || workspaces.find(arrival.workspaceId()).isEmpty()) {
            throw KefuException.invalid("unknown workspaceId");
        }
        String workspaceId = arrival.workspaceId();
        blocks.checkIp(workspaceId, arrival.ip());
        Identity id = arrival.identity() != null ? arrival.identity()
                : new Identity(null, null, arrival.name(), arrival.email(), null, Map.of());
        if (arrival.identity() != null && (arrival.name() != null || arrival.email() != null)) {
            // The visitor's own words (pre-chat form) fill what the host page left out.
            id = new Identity(id.userId(), id.hash(), id.name() != null ? id.name() : arrival.name(),
                    id.email() != null ? id.email() : arrival.email(), id.phone(), id.attributes());
        }
        boolean signed = id.claimsUser();
        if (signed) {
            identities.verify(workspaceId, id.userId(), id.hash());
        } else if (!id.attributes().isEmpty()) {
            throw KefuException.forbidden("identity.attributes need a signed identity (identity.userId and "
                    + "identity.hash)");
        }
        checkContact(id.name(), id.email(), id.phone());
        Map<String, Object> attributes = VisitorAttributes.merge(Map.of(), id.attributes());
        long now = clock.millis();
        Optional<Visitor> fromToken = Optional.ofNullable(arrival.token())
                .flatMap(t -> tokens.verify(t, now))
                .filter(c -> c.workspaceId().equals(workspaceId))
                .flatMap(c -> visitors.find(c.workspaceId(), c.id()));
        Optional<Visitor> known;
        if (signed) {
            // The user's own visitor wherever they chatted before; else this browser's anonymous one becomes theirs
            // (keeping what they said before logging in); a browser another user used gets a new visitor.
            known = visitors.findByUserId(workspaceId, id.userId())
                    .or(() -> fromToken.filter(v -> v.userId() == null));
        } else {
            known = fromToken;
        }
        if (known.isPresent()) {
            blocks.check(new Caller.Visitor(workspaceId, known.get().id()), arrival.ip());
        }
        Location location = geoIp.locate(arrival.ip()).orElse(null);
        Visitor visitor;
        if (known.isPresent()) {
            Visitor old = known.get();
            Visitor merged = withIdentity(old, id, signed, attributes);
            boolean newVisit = now - old.lastSeen() > VISIT_GAP;
            visitor = new Visitor(old.id(), workspaceId, merged.name(), merged.email(), arrival.ip(),
                    arrival.userAgent(), arrival.pageUrl() != null ? arrival.pageUrl() : old.pageUrl(),
                    arrival.pageUrl() != null ? arrival.pageTitle() : old.pageTitle(),
                    arrival.referrer() != null ? arrival.referrer() : old.referrer(),
                    arrival.language() != null ? arrival.language() : old.language(), old.firstSeen(), now,
                    newVisit ? old.visits() + 1 : Math.max(1, old.visits()), merged.phone(),
                    signed ? id.userId() : old.userId(), merged.sources(), merged.attributes(), location);
            visitors.touch(visitor);
            if (!Objects.equals(old.name(), visitor.name()) || !Objects.equals(old.email(), visitor.email())
                    || !Objects.equals(old.phone(), visitor.phone()) || !Objects.equals(old.userId(), visitor.userId())
                    || !old.attributes().equals(visitor.attributes())) {
                activity.contactChanged(visitor);
            }
        } else {
            Visitor blank = new Visitor(Ids.next(), workspaceId, null, null, arrival.ip(), arrival.userAgent(),
                    arrival.pageUrl(), arrival.pageTitle(), arrival.referrer(), arrival.language(), now, now, 1, null,
                    signed ? id.userId() : null, ContactSources.NONE, Map.of(), location);
            visitor = visitors.create(withIdentity(blank, id, signed, attributes));
            if (!visitor.id().equals(blank.id())) {
                // Another browser of the same user got there first: that visitor it is.
                return start(arrival);
            }
        }
        activity.arrived(visitor, arrival.pageUrl(), arrival.pageTitle(), arrival.referrer());
        return new Session(tokens.issue(visitor.workspaceId(), visitor.id(), now + TOKEN_LIFETIME), visitor);
    }

    /** The visitor with the identity's contact details and attributes applied, each field's source noted. */
    private static Visitor withIdentity(Visitor v, Identity id, boolean signed, Map<String, Object> attributes) {
        ContactSources.Source source = signed ? ContactSources.Source.SIGNED : ContactSources.Source.VISITOR;
        ContactSources s = v.sources();
        String name = v.name();
        String email = v.email();
        String phone = v.phone();
        if (id.name() != null && !id.name().isBlank() && !id.name().strip().equals(name)) {
            name = id.name().strip();
            s = new ContactSources(source, s.email(), s.phone());
        }
        if (id.email() != null && !id.email().isBlank() && !id.email().strip().equals(email)) {
            email = id.email().strip();
            s = new ContactSources(s.name(), source, s.phone());
        }
        if (id.phone() != null && !id.phone().isBlank() && !id.phone().strip().equals(phone)) {
            phone = id.phone().strip();
            s = new ContactSources(s.name(), s.email(), source);
        }
        return v.withContact(name, email, phone, s, VisitorAttributes.merge(v.attributes(), attributes));
    }

    private static void checkContact(String name, String email, String phone) {
        if (name != null && name.strip().length() > MAX_NAME) {
            throw KefuException.invalid("name is longer than " + MAX_NAME + " characters");
        }
        if (email != null && !email.isBlank() && !EMAIL.matcher(email.strip()).matches()) {
            throw KefuException.invalid("email is not a valid e-mail address");
        }
        if (phone != null && !phone.isBlank() && (!PHONE.matcher(phone.strip()).matches()
                || phone.chars().filter(Character::isDigit).count() < 5)) {
            throw KefuException.invalid("phone must be a phone number of at most " + MAX_PHONE
                    + " characters: at least 5 digits, and spaces, + ( ) . / -");
        }
    }

    /**
     * A visitor's profile for an agent of the same workspace (NOT_FOUND otherwise).
     *
     * @param conversationCount counts the visitor's conversations
     */
    public VisitorProfile profile(Caller.Agent agent, String visitorId,
                                  ToIntBiFunction<String, String> conversationCount) {
        Visitor v = find(agent, visitorId);
        return new VisitorProfile(v, v.userAgent() == null ? new UserAgents.Device(null, null, null)
                : userAgents.parse(v.userAgent()), conversationCount.applyAsInt(v.workspaceId(), v.id()),
                activity.recent(v.workspaceId(), v.id()));
    }

    private Visitor find(Caller.Agent agent, String visitorId) {
        return (Ids.looksValid(visitorId) ? visitors.find(agent.workspaceId(), visitorId) : Optional.<Visitor>empty())
                .orElseThrow(() -> new KefuException(ErrorCode.NOT_FOUND, "no such visitor"));
    }

    /** What an agent may change about a visitor; null leaves a field as it is, "" clears it. */
    public record Edit(String name, String email, String phone, Map<String, Object> attributes) {
    }

    /** An agent edits a visitor's contact details and attributes (then marked as set by an agent). */
    public Visitor update(Caller.Agent agent, String visitorId, Edit edit) {
        Visitor v = find(agent, visitorId);
        checkContact(edit.name(), edit.email(), edit.phone());
        ContactSources s = v.sources();
        String name = v.name();
        String email = v.email();
        String phone = v.phone();
        if (edit.name() != null) {
            name = edit.name().isBlank() ? null : edit.name().strip();
            s = new ContactSources(name == null ? null : ContactSources.Source.AGENT, s.email(), s.phone());
        }
        if (edit.email() != null) {
            email = edit.email().isBlank() ? null : edit.email().strip();
            s = new ContactSources(s.name(), email == null ? null : ContactSources.Source.AGENT, s.phone());
        }
        if (edit.phone() != null) {
            phone = edit.phone().isBlank() ? null : edit.phone().strip();
            s = new ContactSources(s.name(), s.email(), phone == null ? null : ContactSources.Source.AGENT);
        }
        Map<String, Object> attributes = edit.attributes() == null ? v.attributes()
                : VisitorAttributes.merge(v.attributes(), edit.attributes());
        Visitor updated = v.withContact(name, email, phone, s, attributes);
        visitors.touch(updated);
        activity.contactChanged(updated);
        return updated;
    }

    /** Sets name and e-mail a visitor gave (e.g. in the offline form); null leaves one as it is. Unverified. */
    public Visitor identify(Caller.Visitor caller, String name, String email) {
        Visitor v = visitors.find(caller.workspaceId(), caller.id()).orElseThrow(KefuException::unauthorized);
        if (name != null && name.length() > MAX_NAME) {
            throw KefuException.invalid("name is longer than " + MAX_NAME + " characters");
        }
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw KefuException.invalid("email is not a valid e-mail address");
        }
        Visitor named = withIdentity(v, new Identity(null, null, name, email, null, Map.of()), false, Map.of());
        Visitor updated = named.seenOn(v.pageUrl(), v.pageTitle(), clock.millis());
        visitors.touch(updated);
        return updated;
    }

    public Optional<Caller.Visitor> authenticate(String token) {
        return tokens.verify(token, clock.millis());
    }
}
