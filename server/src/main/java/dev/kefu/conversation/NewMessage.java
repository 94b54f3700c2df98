package dev.kefu.conversation;

/** A message about to be appended; the store gives it its id and seq. {@code visitorId} routes the event. */
public record NewMessage(String workspaceId, String conversationId, String visitorId, Sender sender, String text,
                         String event, String attachment, String clientMsgId, long createdAt) {
}
