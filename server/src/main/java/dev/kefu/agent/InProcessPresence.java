package dev.kefu.agent;

import dev.kefu.event.EventBus;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;

/** {@link Presence} for one node: connection counts and choices in memory. Thread-safe. */
public final class InProcessPresence implements Presence, AutoCloseable {
    /**
     * @param lingering true from the moment the last connection dropped until the grace period ends
     * @param drops     counts disconnections, so a grace timer knows whether it is still the latest one
     */
    private record State(int connections, PresenceStatus choice, boolean lingering, long drops) {
        PresenceStatus status() {
            return connections == 0 && !lingering ? PresenceStatus.OFFLINE : choice;
        }
    }

    private final EventBus<PresenceChanged> bus;
    private final ToLongFunction<String> graceMillis;
    private final ConcurrentHashMap<String, State> agents = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> onlineByWorkspace = new ConcurrentHashMap<>();
    /** Serialises changes so events are published in the order the states changed. */
    private final ReentrantLock changes = new ReentrantLock();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("kefu-presence").daemon().factory());

    /** @param graceMillis the grace period of a workspace, in milliseconds */
    public InProcessPresence(EventBus<PresenceChanged> bus, ToLongFunction<String> graceMillis) {
        this.bus = bus;
        this.graceMillis = graceMillis;
    }

    @Override
    public void connected(String workspaceId, String agentId) {
        change(workspaceId, agentId, s -> new State(s.connections() + 1, s.choice(), false, s.drops()));
    }

    @Override
    public void disconnected(String workspaceId, String agentId) {
        long grace = graceMillis.applyAsLong(workspaceId);
        State after = change(workspaceId, agentId, s -> new State(Math.max(0, s.connections() - 1), s.choice(),
                s.connections() <= 1 && grace > 0, s.drops() + 1));
        if (after.lingering()) {
            long drop = after.drops();
            timers.schedule(() -> {
                change(workspaceId, agentId, s -> s.lingering() && s.drops() == drop
                        ? new State(s.connections(), s.choice(), false, s.drops()) : s);
            }, grace, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void choose(String workspaceId, String agentId, PresenceStatus choice) {
        change(workspaceId, agentId, s -> new State(s.connections(), choice, s.lingering(), s.drops()));
    }

    private State change(String workspaceId, String agentId, UnaryOperator<State> f) {
        changes.lock();
        try {
            State before = agents.getOrDefault(agentId, new State(0, PresenceStatus.ONLINE, false, 0));
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
            return after;
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
    public boolean reachable(String agentId) {
        State s = agents.get(agentId);
        return s != null && s.connections() > 0;
    }

    @Override
    public boolean anyOnline(String workspaceId) {
        var online = onlineByWorkspace.get(workspaceId);
        return online != null && !online.isEmpty();
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
