package dev.kefu.conversation;

import dev.kefu.common.Caller;
import dev.kefu.common.Ids;
import dev.kefu.common.KefuException;

/**
 * The one rule of who may see a conversation: a visitor its own, an agent those of its workspace. Anything
 * else — including a conversation that does not exist — is FORBIDDEN, so ids reveal nothing.
 */
public final class ConversationAccess {
    private final ConversationDirectory directory;

    public ConversationAccess(ConversationDirectory directory) {
        this.directory = directory;
    }

    /** Blocking on a directory miss; call from a virtual thread. */
    public Conversation visible(Caller caller, String conversationId) {
        if (!Ids.looksValid(conversationId)) {
            throw KefuException.forbidden("no such conversation for this caller");
        }
        Conversation c = directory.find(conversationId)
                .orElseThrow(() -> KefuException.forbidden("no such conversation for this caller"));
        if (!allows(caller, c)) {
            throw KefuException.forbidden("no such conversation for this caller");
        }
        return c;
    }

    static boolean allows(Caller caller, Conversation c) {
        return switch (caller) {
            case Caller.Agent agent -> agent.workspaceId().equals(c.workspaceId());
            case Caller.Visitor visitor -> visitor.workspaceId().equals(c.workspaceId())
                    && visitor.id().equals(c.visitorId());
        };
    }
}
