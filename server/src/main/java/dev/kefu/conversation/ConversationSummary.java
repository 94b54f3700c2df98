package dev.kefu.conversation;

/**
 * A conversation as the workbench lists it: with its visitor's name, a preview of the newest message and how
 * far each side has read. Fields other than the conversation may be null or zero.
 */
public record ConversationSummary(Conversation conversation, String visitorName, String visitorEmail,
                                  String lastText, Sender lastSender, long agentReadSeq, long visitorReadSeq) {
}
