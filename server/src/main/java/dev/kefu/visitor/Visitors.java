package dev.kefu.visitor;

import java.util.Optional;

/** Port: stored visitors. Blocking; call from virtual threads. */
public interface Visitors {
    Optional<Visitor> find(String workspaceId, String id);

    /** The visitor linked to the host site's user id, if any. */
    Optional<Visitor> findByUserId(String workspaceId, String userId);

    /**
     * Stores a new visitor. When another visitor of the workspace took its user id meanwhile (two browsers of one
     * user at once), nothing is stored and that one is returned instead.
     */
    Visitor create(Visitor visitor);

    /**
     * Stores every field of a known visitor: last seen, page, referrer, IP, user agent, visit count, contact
     * details and their sources, attributes, location and user id.
     */
    void touch(Visitor visitor);
}
