package dev.kefu.agent;

import dev.kefu.event.EventBus;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** {@link Presence} for one node: connection counts and choices in memory. Thread-safe. */
public final class InProcessPresence implements Presence {
    private record State(int connections, PresenceStatus choice) {
        PresenceStatus status() {
            return connections == 0 ? PresenceStatus.OFFLINE : choice;
        }
    }

    private final EventBus<PresenceChanged> bus;
    private final ConcurrentHashMap<String, State> agents = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, java.util.Set<String>> onlineByWorkspace = new ConcurrentHashMap<>();
    /** Serialises changes so events are published in the order the states changed. */
    private final ReentrantLock changes = new ReentrantLock();

    public InProcessPresence(EventBus<PresenceChanged> bus) {
        this.bus = bus;
    }

    @Override
    public void connected(String workspaceId, String agentId) {
        change(workspaceId, agentId, s -> new State(s.connections() + 1, s.choice()));
    }

    @Override
    public void disconnected(String workspaceId, String agentId) {
        change(workspaceId, agentId, s -> new State(Math.max(0, s.connections() - 1), s.choice()));
    }

    @Override
    public void choose(String workspaceId, String agentId, PresenceStatus choice) {
        change(workspaceId, agentId, s -> new State(s.connections(), choice));
    }

    private void change(String workspaceId, String agentId, java.util.function.UnaryOperator<State> f) {
        changes.lock();
        try {
            State before = agents.getOrDefault(agentId, new State(0, PresenceStatus.ONLINE));
            State after = f.apply(before);
            agents.put(agentId, after);
            var online = onlineByWorkspace.computeIfAbsent(workspaceId, k -> ConcurrentHashMap.newKeySet());
            boolean anyBefore = !online.isEmpty();
            if (after.status() == PresenceStatus.ONLINE) {
                online.add(agentId);
            } else {
                online.remove(agentId);
            }
            boolean anyAfter = !online.isEmpty();
            if (before.status() != after.status()) {
                bus.publish(new PresenceChanged(workspaceId, agentId, after.status(), anyAfter, anyBefore != anyAfter));
            }
        } finally {
            changes.unlock();
        }
    }

    @Override
    public PresenceStatus status(String agentId) {
        State s = agents.get(agentId);
        return s == null ? PresenceStatus.OFFLINE : s.status();
    }

    @Override
    public boolean anyOnline(String workspaceId) {
        var online = onlineByWorkspace.get(workspaceId);
        return online != null && !online.isEmpty();
    }
}
