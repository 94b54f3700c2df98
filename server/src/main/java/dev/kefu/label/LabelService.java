package dev.kefu.label;

import dev.kefu.common.Caller;
import dev.kefu.common.Clock;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.Ids;
import dev.kefu.common.KefuException;
import dev.kefu.conversation.Conversation;
import dev.kefu.conversation.ConversationAccess;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Labels: admins define them, every agent puts them on conversations and filters by them. Blocking. */
public final class LabelService {
    public static final int MAX_LABELS = 200;
    public static final int MAX_PER_CONVERSATION = 20;

    private final Labels labels;
    private final ConversationAccess access;
    private final Clock clock;

    public LabelService(Labels labels, ConversationAccess access, Clock clock) {
        this.labels = labels;
        this.access = access;
        this.clock = clock;
    }

    public List<Label> list(Caller.Agent caller) {
        return labels.inWorkspace(caller.workspaceId());
    }

    public Label create(Caller.Agent caller, String name, String color) {
        caller.requireAdmin();
        if (labels.inWorkspace(caller.workspaceId()).size() >= MAX_LABELS) {
            throw KefuException.invalid("a workspace has at most " + MAX_LABELS + " labels");
        }
        return store(new Label(Ids.next(), caller.workspaceId(), name, color == null ? "#64748b" : color,
                clock.millis()));
    }

    public Label update(Caller.Agent caller, String id, String name, String color) {
        caller.requireAdmin();
        Label old = find(caller, id);
        return store(new Label(old.id(), old.workspaceId(), name != null ? name : old.name(),
                color != null ? color : old.color(), old.createdAt()));
    }

    public void delete(Caller.Agent caller, String id) {
        caller.requireAdmin();
        labels.delete(find(caller, id).id());
    }

    /** Replaces the conversation's labels; any agent of the workspace. */
    public List<String> set(Caller.Agent caller, String conversationId, List<String> labelIds) {
        Conversation c = access.visible(caller, conversationId);
        Set<String> ids = new LinkedHashSet<>(labelIds);
        if (ids.size() > MAX_PER_CONVERSATION) {
            throw KefuException.invalid("a conversation has at most " + MAX_PER_CONVERSATION + " labels");
        }
        Set<String> known = labels.inWorkspace(caller.workspaceId()).stream().map(Label::id).collect(Collectors.toSet());
        if (!known.containsAll(ids)) {
            throw KefuException.invalid("labelIds must be labels of this workspace");
        }
        List<String> list = List.copyOf(ids);
        labels.set(c.workspaceId(), c.id(), c.visitorId(), list);
        return list;
    }

    public Map<String, List<String>> of(List<String> conversationIds) {
        return labels.of(conversationIds);
    }

    private Label find(Caller.Agent caller, String id) {
        return (Ids.looksValid(id) ? labels.find(id) : java.util.Optional.<Label>empty())
                .filter(l -> l.workspaceId().equals(caller.workspaceId()))
                .orElseThrow(() -> new KefuException(ErrorCode.NOT_FOUND, "no such label"));
    }

    private Label store(Label l) {
        String name = l.name() == null ? "" : l.name().strip();
        if (name.isEmpty() || name.length() > 40) {
            throw KefuException.invalid("name must have 1 to 40 characters");
        }
        if (l.color() == null || !l.color().matches("#[0-9a-fA-F]{6}")) {
            throw KefuException.invalid("color must look like #1a2b3c");
        }
        Label clean = new Label(l.id(), l.workspaceId(), name, l.color().toLowerCase(java.util.Locale.ROOT), l.createdAt());
        if (!labels.save(clean)) {
            throw new KefuException(ErrorCode.CONFLICT, "a label named " + name + " exists");
        }
        return clean;
    }
}
