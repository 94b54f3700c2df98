package dev.kefu.visitor;

/** An anonymous (or self-named) person on the company's website, recognised by a signed token kept by the browser. */
public record Visitor(String id, String workspaceId, String name, String email, String ip, String userAgent,
                      String pageUrl, String pageTitle, String referrer, String language, long firstSeen,
                      long lastSeen, int visits) {
}
