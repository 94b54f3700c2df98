package dev.kefu.label;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: labels and which conversations carry them. Blocking. */
public interface Labels {
    List<Label> inWorkspace(String workspaceId);

    Optional<Label> find(String id);

    /** @return false when the name is taken in the workspace */
    boolean save(Label label);

    void delete(String id);

    /**
     * Replaces a conversation's labels and publishes
     * {@link dev.kefu.conversation.ConversationEvent.LabelsChanged} after the commit.
     */
    void set(String workspaceId, String conversationId, String visitorId, List<String> labelIds);

    /** Label ids per conversation, for the given conversations. */
    Map<String, List<String>> of(List<String> conversationIds);
}
