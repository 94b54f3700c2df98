package dev.kefu.visitor;

/**
 * A page of the host site a visitor looked at.
 *
 * @param durationMs time on the page, known once the next page view or the disconnect arrived (null until then)
 */
public record PageView(String id, String workspaceId, String visitorId, String url, String title, String referrer,
                       long startedAt, Long durationMs) {
}
