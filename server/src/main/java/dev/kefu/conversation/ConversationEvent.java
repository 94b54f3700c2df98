package dev.kefu.conversation;

/**
 * Everything that happens to a conversation and must reach connected clients, in one list. Events carry the
 * workspace and visitor so fan-out can decide who receives them without a lookup.
 */
public sealed interface ConversationEvent {
    String workspaceId();

    String conversationId();

    String visitorId();

    record MessageAppended(Message message, String visitorId) implements ConversationEvent {
        @Override
        public String workspaceId() {
            return message.workspaceId();
        }

        @Override
        public String conversationId() {
            return message.conversationId();
        }
    }

    record ConversationChanged(Conversation conversation) implements ConversationEvent {
        @Override
        public String workspaceId() {
            return conversation.workspaceId();
        }

        @Override
        public String conversationId() {
            return conversation.id();
        }

        @Override
        public String visitorId() {
            return conversation.visitorId();
        }
    }

    record Typing(String workspaceId, String conversationId, String visitorId, Sender sender, boolean typing)
            implements ConversationEvent {
    }

    record ReadUpTo(String workspaceId, String conversationId, String visitorId, Sender reader, long seq)
            implements ConversationEvent {
    }

    /**
     * A queued conversation's place in its queue changed. Local to the node that computed it: every node
     * computes the positions of its own visitors.
     *
     * @param expectedWaitSeconds the estimate, or -1 when nobody who could take it is online
     */
    record QueueMoved(String workspaceId, String conversationId, String visitorId, int position,
                      long expectedWaitSeconds) implements ConversationEvent {
    }

    /** A private note: for agents only, never for the visitor. */
    record NoteAdded(String workspaceId, String conversationId, String visitorId, String noteId, String authorId,
                     String text, long createdAt) implements ConversationEvent {
    }

    /** The conversation's labels changed (agents only). */
    record LabelsChanged(String workspaceId, String conversationId, String visitorId, java.util.List<String> labelIds)
            implements ConversationEvent {
    }

    /**
     * A piece of the bot's answer while the model streams it, not stored: the stored bot message that follows
     * carries {@code streamId} as its clientMsgId. {@code text} null: the stream was dropped (a human takes over).
     */
    record BotDelta(String workspaceId, String conversationId, String visitorId, String streamId, String text)
            implements ConversationEvent {
    }
}
