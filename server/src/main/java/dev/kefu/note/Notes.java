package dev.kefu.note;

import java.util.List;

/** Port: stored notes. Blocking. */
public interface Notes {
    /** Stores it and publishes {@link dev.kefu.conversation.ConversationEvent.NoteAdded} after the commit. */
    void add(Note note, String visitorId);

    /** Oldest first. */
    List<Note> of(String conversationId, int limit);
}
