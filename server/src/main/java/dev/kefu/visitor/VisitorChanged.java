package dev.kefu.visitor;

import java.util.List;

/**
 * Something agents show about a visitor changed (the page they are on, their contact details). Published only for
 * a visitor with an unresolved conversation, the only ones whose details the workbench has open.
 *
 * @param conversationId the visitor's unresolved conversation
 * @param changed        what changed: {@code page}, {@code contact}
 * @param page           the page the visitor is on now (null if unknown)
 */
public record VisitorChanged(String workspaceId, String visitorId, String conversationId, List<String> changed,
                             PageView page) {
}
