package dev.kefu.visitor;

import java.util.Map;

/**
 * An anonymous (or self-named) person on the company's website, recognised by a signed token kept by the browser,
 * or across browsers by the host site's user id when it comes with a valid signature.
 *
 * @param userId     the host site's user id, proven by its HMAC (null: anonymous)
 * @param sources    who set name, e-mail and phone
 * @param attributes custom attributes (string, number or boolean values); never null
 * @param location   where the IP of the last session start is, when known (null otherwise)
 */
public record Visitor(String id, String workspaceId, String name, String email, String ip, String userAgent,
                      String pageUrl, String pageTitle, String referrer, String language, long firstSeen,
                      long lastSeen, int visits, String phone, String userId, ContactSources sources,
                      Map<String, Object> attributes, Location location) {

    public Visitor {
        attributes = attributes == null ? Map.of() : attributes;
        sources = sources == null ? ContactSources.NONE : sources;
    }

    /** A visitor without identity, phone, attributes or location. */
    public Visitor(String id, String workspaceId, String name, String email, String ip, String userAgent,
                   String pageUrl, String pageTitle, String referrer, String language, long firstSeen,
                   long lastSeen, int visits) {
        this(id, workspaceId, name, email, ip, userAgent, pageUrl, pageTitle, referrer, language, firstSeen, lastSeen,
                visits, null, null, new ContactSources(name == null ? null : ContactSources.Source.VISITOR,
                        email == null ? null : ContactSources.Source.VISITOR, null), Map.of(), null);
    }

    /** True when the host site vouched for who this is (a valid signed user id). */
    public boolean verified() {
        return userId != null;
    }

    /** The same visitor with other contact details, sources and attributes. */
    public Visitor withContact(String name, String email, String phone, ContactSources sources,
                               Map<String, Object> attributes) {
        return new Visitor(id, workspaceId, name, email, ip, userAgent, pageUrl, pageTitle, referrer, language,
                firstSeen, lastSeen, visits, phone, userId, sources, attributes, location);
    }

    /** The same visitor, seen now on a page. */
    public Visitor seenOn(String pageUrl, String pageTitle, long now) {
        return new Visitor(id, workspaceId, name, email, ip, userAgent, pageUrl, pageTitle, referrer, language,
                firstSeen, Math.max(lastSeen, now), visits, phone, userId, sources, attributes, location);
    }
}
