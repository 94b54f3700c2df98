package dev.kefu.routing;

import dev.kefu.agent.Agents;
import dev.kefu.common.Caller;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.Ids;
import dev.kefu.common.KefuException;
import dev.kefu.conversation.Conversation;
import java.util.ArrayList;
import java.util.List;

/** Routing settings, agent capacity and the queue as agents and visitors see it. Blocking. */
public final class RoutingService {
    private final RoutingSettingsCache settings;
    private final RoutingStore store;
    private final Agents agents;
    private final Dispatcher dispatcher;

    public RoutingService(RoutingSettingsCache settings, RoutingStore store, Agents agents, Dispatcher dispatcher) {
        this.settings = settings;
        this.store = store;
        this.agents = agents;
        this.dispatcher = dispatcher;
    }

    public RoutingSettings settings(Caller.Agent caller) {
        return settings.of(caller.workspaceId());
    }

    public RoutingSettings save(Caller.Agent caller, RoutingSettings changed) {
        caller.requireAdmin();
        settings.save(caller.workspaceId(), changed.validate());
        dispatcher.kick(caller.workspaceId());
        return changed;
    }

    public void setMaxChats(Caller.Agent caller, String agentId, int maxChats) {
        caller.requireAdmin();
        if (maxChats < 1 || maxChats > RoutingSettings.MAX_CHATS_LIMIT) {
            throw KefuException.invalid("maxChats must be between 1 and " + RoutingSettings.MAX_CHATS_LIMIT);
        }
        if (!Ids.looksValid(agentId) || agents.find(agentId).filter(a -> a.workspaceId().equals(caller.workspaceId()))
                .isEmpty()) {
            throw new KefuException(ErrorCode.NOT_FOUND, "no such agent");
        }
        store.setMaxChats(agentId, maxChats);
        dispatcher.kick(caller.workspaceId());
    }

    /** Every agent's capacity and current load. */
    public List<AgentSlot> load(Caller.Agent caller) {
        return store.slots(caller.workspaceId());
    }

    /** A waiting conversation with its place in its queue. */
    public record Waiting(Conversation conversation, int position, long expectedWaitSeconds) {
    }

    /** The workspace's queue, longest waiting first, with each conversation's place in its own team's queue. */
    public List<Waiting> queue(Caller.Agent caller) {
        List<Waiting> out = new ArrayList<>();
        java.util.Map<String, Integer> positions = new java.util.HashMap<>();
        for (Conversation c : store.queued(caller.workspaceId(), 1000)) {
            int position = positions.merge(c.teamId() == null ? "" : c.teamId(), 1, Integer::sum);
            long wait = dispatcher.place(c.workspaceId(), c.id()).map(p -> p[1]).orElse(-1L);
            out.add(new Waiting(c, position, wait));
        }
        return out;
    }
}
