package dev.kefu.visitor;

import java.util.Optional;

/** Port: stored visitors. Blocking; call from virtual threads. */
public interface Visitors {
    Optional<Visitor> find(String workspaceId, String id);

    void create(Visitor visitor);

    /** Records a new visit: last seen, page, referrer, IP, user agent, visit count, and name/e-mail when given. */
    void touch(Visitor visitor);
}
