package dev.kefu.visitor;

import java.util.List;
import java.util.Optional;

/** Port: the pages visitors looked at. Blocking; call from virtual threads. */
public interface PageViews {
    /** The visitor's page view still going on (no duration yet), if any. */
    Optional<PageView> current(String workspaceId, String visitorId);

    /**
     * Ends the page view going on (its duration: up to the new one's start) and stores the new one, in one
     * transaction; old page views beyond the newest few hundred of the visitor are dropped.
     */
    void start(PageView view);

    /** Ends the page view going on, if any, at {@code at}. */
    void end(String workspaceId, String visitorId, long at);

    /** The newest page views of a visitor, newest first. */
    List<PageView> recent(String workspaceId, String visitorId, int limit);
}
