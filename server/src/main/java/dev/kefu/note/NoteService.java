package dev.kefu.note;

import dev.kefu.common.Caller;
import dev.kefu.common.Clock;
import dev.kefu.common.Ids;
import dev.kefu.common.KefuException;
import dev.kefu.conversation.Conversation;
import dev.kefu.conversation.ConversationAccess;
import java.util.List;

/** Private notes: any agent of the workspace writes and reads them; visitors have no way to them at all. Blocking. */
public final class NoteService {
    public static final int MAX_TEXT = 5_000;
    public static final int MAX_LISTED = 1_000;

    private final Notes notes;
    private final ConversationAccess access;
    private final Clock clock;

    public NoteService(Notes notes, ConversationAccess access, Clock clock) {
        this.notes = notes;
        this.access = access;
        this.clock = clock;
    }

    public Note add(Caller.Agent agent, String conversationId, String text) {
        if (text == null || text.isBlank()) {
            throw KefuException.invalid("text is required");
        }
        if (text.length() > MAX_TEXT) {
            throw KefuException.invalid("text is longer than " + MAX_TEXT + " characters");
        }
        Conversation c = access.visible(agent, conversationId);
        Note note = new Note(Ids.next(), c.workspaceId(), c.id(), agent.id(), text.strip(), clock.millis());
        notes.add(note, c.visitorId());
        return note;
    }

    public List<Note> of(Caller.Agent agent, String conversationId) {
        access.visible(agent, conversationId);
        return notes.of(conversationId, MAX_LISTED);
    }
}
