package dev.kefu.visitor;

/** What the workbench shows about a visitor: stored details, the parsed user agent, and how often they chatted. */
public record VisitorProfile(Visitor visitor, UserAgents.Device device, int conversationCount) {
}
