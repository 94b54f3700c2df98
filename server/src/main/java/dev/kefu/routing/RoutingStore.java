package dev.kefu.routing;

import dev.kefu.conversation.Conversation;
import java.util.List;
import java.util.Optional;

/** Port: what routing reads and keeps in storage. Blocking; call from virtual or routing threads. */
public interface RoutingStore {
    Optional<RoutingSettings> settings(String workspaceId);

    void saveSettings(String workspaceId, RoutingSettings settings);

    /** The workspace's queued conversations, longest waiting first. */
    List<Conversation> queued(String workspaceId, int limit);

    /** Every active agent of the workspace with capacity, open count and last assignment time. */
    List<AgentSlot> slots(String workspaceId);

    void setMaxChats(String agentId, int maxChats);

    /** Who was assigned the visitor's most recent other conversation. */
    Optional<String> lastAssignee(String workspaceId, String visitorId, String exceptConversationId);

    /** The agent's open conversations. */
    List<Conversation> openOf(String agentId);

    /** Open conversations whose answer deadline passed before {@code now}. */
    List<Conversation> overdue(long now, int limit);

    /** (workspace id, agent id) of every agent who has open conversations. */
    List<String[]> assignees();

    /** Mean time from assignment to resolution over the workspace's recent resolved conversations, if any. */
    Optional<Long> averageHandleMillis(String workspaceId);

    /** Unresolved conversations of the workspace without any message since {@code before}. */
    List<Conversation> idle(String workspaceId, long before, int limit);

    /**
     * Makes this node the only one dispatching the workspace until the returned handle is closed: nodes take
     * turns (a cluster's PostgreSQL advisory lock), so two never hand out the same agent's last free slot.
     * Blocking; a no-op on a single node.
     */
    AutoCloseable exclusive(String workspaceId);

    /** Workspaces that have queued conversations now. */
    List<String> workspacesWithQueue();
}
