package dev.kefu.visitor;

import java.util.List;

/**
 * What the workbench shows about a visitor: stored details, the parsed user agent, how often they chatted, and the
 * pages they looked at last (newest first; the first has no duration while it goes on).
 */
public record VisitorProfile(Visitor visitor, UserAgents.Device device, int conversationCount,
                             List<PageView> pageViews) {
    public VisitorProfile(Visitor visitor, UserAgents.Device device, int conversationCount) {
        this(visitor, device, conversationCount, List.of());
    }

    /** The page view going on, if the visitor is (as far as we know) still on a page. */
    public PageView currentPage() {
        return pageViews.isEmpty() || pageViews.getFirst().durationMs() != null ? null : pageViews.getFirst();
    }
}
