package dev.kefu.routing;

import dev.kefu.agent.Presence;
import dev.kefu.agent.PresenceStatus;
import dev.kefu.common.Clock;
import dev.kefu.conversation.ChatService;
import dev.kefu.conversation.Conversation;
import dev.kefu.conversation.ConversationEvent;
import dev.kefu.event.EventBus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands queued conversations to agents, one workspace at a time on one thread, so decisions on a node never
 * race each other; the store's compare-and-set transitions keep them safe against agents taking conversations
 * by hand and against other nodes. It also puts back the conversations of agents who left, moves on those an
 * agent did not answer in time, and tells waiting visitors their place in the queue.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int QUEUE_SCAN = 1000;
    private static final long TICK_MILLIS = 500;
    private static final long SWEEP_MILLIS = 5_000;
    private static final long HANDLE_TIME_REFRESH = 60_000;
    private static final long DEFAULT_HANDLE_MILLIS = 180_000;

    private final RoutingStore store;
    private final Teams teams;
    private final Presence presence;
    private final ChatService chat;
    private final EventBus<ConversationEvent> bus;
    private final RoutingSettingsCache settings;
    private final Clock clock;
    private final long startedAt;

    private final LinkedBlockingQueue<String> signals = new LinkedBlockingQueue<>();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<String> departed = new ConcurrentLinkedQueue<>();
    /** Per workspace: each waiting conversation's last published place, {position, expected wait}. */
    private final ConcurrentHashMap<String, Map<String, long[]>> places = new ConcurrentHashMap<>();
    private final Map<String, long[]> handleTimes = new HashMap<>();
    private final Thread worker;
    private volatile boolean running = true;
    private long nextSweep;

    public Dispatcher(RoutingStore store, Teams teams, Presence presence, ChatService chat,
                      EventBus<ConversationEvent> bus, RoutingSettingsCache settings, Clock clock) {
        this.store = store;
        this.teams = teams;
        this.presence = presence;
        this.chat = chat;
        this.bus = bus;
        this.settings = settings;
        this.clock = clock;
        this.startedAt = clock.millis();
        this.worker = Thread.ofPlatform().name("kefu-routing").daemon().unstarted(this::run);
    }

    public void start() {
        worker.start();
        for (String workspaceId : store.workspacesWithQueue()) {
            kick(workspaceId);
        }
    }

    /** Something changed in the workspace (a conversation, an agent, a setting): look at its queue soon. Never blocks. */
    public void kick(String workspaceId) {
        if (pending.add(workspaceId)) {
            signals.offer(workspaceId);
        }
    }

    /** The agent went offline (after the grace period): their conversations go back to the queue. Never blocks. */
    public void departed(String workspaceId, String agentId) {
        departed.add(agentId);
        kick(workspaceId);
    }

    /** A queued conversation's place, {position, expected wait in seconds or -1}, as last told to its visitor. */
    public Optional<long[]> place(String workspaceId, String conversationId) {
        Map<String, long[]> ws = places.get(workspaceId);
        long[] p = ws == null ? null : ws.get(conversationId);
        return p == null ? Optional.empty() : Optional.of(p.clone());
    }

    private void run() {
        while (running) {
            try {
                String workspaceId = signals.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
                for (String agentId; (agentId = departed.poll()) != null; ) {
                    requeueAllOf(agentId, "agent_offline");
                }
                if (workspaceId != null) {
                    pending.remove(workspaceId);
                    dispatch(workspaceId);
                }
                long now = clock.millis();
                moveOverdue(now);
                if (now >= nextSweep) {
                    nextSweep = now + SWEEP_MILLIS;
                    requeueOrphans(now);
                    resolveIdle(now);
                    store.workspacesWithQueue().forEach(this::kick);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("routing failed; retrying", e);
                    sleepQuietly();
                }
            }
        }
    }

    private void dispatch(String workspaceId) {
        try (AutoCloseable turn = store.exclusive(workspaceId)) {
            dispatchExclusively(workspaceId);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void dispatchExclusively(String workspaceId) {
        RoutingSettings rs = settings.of(workspaceId);
        List<Conversation> queue = store.queued(workspaceId, QUEUE_SCAN);
        if (queue.isEmpty()) {
            publishPlaces(workspaceId, List.of(), Map.of(), Map.of(), rs);
            return;
        }
        Map<String, AgentSlot> slots = slotsOf(workspaceId);
        Map<String, Team> teamsById = new HashMap<>();
        teams.inWorkspace(workspaceId).forEach(t -> teamsById.put(t.id(), t));
        long now = clock.millis();
        List<Conversation> waiting = new ArrayList<>();
        for (Conversation c : queue) {
            Team team = c.teamId() == null ? null : teamsById.get(c.teamId());
            RoutingPolicy policy = policyOf(team, rs);
            Optional<AgentSlot> pick = policy == RoutingPolicy.MANUAL ? Optional.empty()
                    : choose(policy, available(slots, team, null), c);
            if (pick.isEmpty()) {
                waiting.add(c);
                continue;
            }
            String agentId = pick.get().agentId();
            if (chat.assign(c, agentId, policy.wire(), answerDue(rs, now)).isPresent()) {
                slots.put(agentId, slots.get(agentId).plusOne(now));
            }
        }
        publishPlaces(workspaceId, waiting, slots, teamsById, rs);
    }

    private static RoutingPolicy policyOf(Team team, RoutingSettings rs) {
        return team != null && team.policy() != null ? team.policy() : rs.routingPolicy();
    }

    private static long answerDue(RoutingSettings rs, long now) {
        return rs.answerTimeoutSeconds() > 0 ? now + rs.answerTimeoutSeconds() * 1000L : 0;
    }

    private Map<String, AgentSlot> slotsOf(String workspaceId) {
        Map<String, AgentSlot> slots = new LinkedHashMap<>();
        for (AgentSlot s : store.slots(workspaceId)) {
            slots.put(s.agentId(), s);
        }
        return slots;
    }

    /** Online, connected agents of the team (or the workspace) with room, except one. */
    private List<AgentSlot> available(Map<String, AgentSlot> slots, Team team, String except) {
        List<AgentSlot> out = new ArrayList<>();
        for (AgentSlot s : eligible(slots, team)) {
            if (s.hasRoom() && !s.agentId().equals(except)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Online, connected agents of the team (or the workspace), with room or not. */
    private List<AgentSlot> eligible(Map<String, AgentSlot> slots, Team team) {
        List<AgentSlot> out = new ArrayList<>();
        for (AgentSlot s : slots.values()) {
            if ((team == null || team.memberIds().contains(s.agentId()))
                    && presence.status(s.agentId()) == PresenceStatus.ONLINE && presence.reachable(s.agentId())) {
                out.add(s);
            }
        }
        return out;
    }

    private Optional<AgentSlot> choose(RoutingPolicy policy, List<AgentSlot> candidates, Conversation c) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Comparator<AgentSlot> byTurn = Comparator.comparingLong(AgentSlot::lastAssignedAt)
                .thenComparing(AgentSlot::agentId);
        return switch (policy) {
            case ROUND_ROBIN -> candidates.stream().min(byTurn);
            case STICKY -> {
                Optional<String> last = store.lastAssignee(c.workspaceId(), c.visitorId(), c.id());
                Optional<AgentSlot> same = last.flatMap(id -> candidates.stream()
                        .filter(s -> s.agentId().equals(id)).findFirst());
                yield same.isPresent() ? same : leastBusy(candidates, byTurn);
            }
            case LEAST_BUSY, MANUAL -> leastBusy(candidates, byTurn);
        };
    }

    private static Optional<AgentSlot> leastBusy(List<AgentSlot> candidates, Comparator<AgentSlot> byTurn) {
        return candidates.stream().min(Comparator.comparingInt(AgentSlot::open).thenComparing(byTurn));
    }

    /** Tells each waiting visitor whose place or expected wait changed; forgets those who left the queue. */
    private void publishPlaces(String workspaceId, List<Conversation> waiting, Map<String, AgentSlot> slots,
                               Map<String, Team> teamsById, RoutingSettings rs) {
        Map<String, long[]> before = places.getOrDefault(workspaceId, Map.of());
        Map<String, long[]> now = new HashMap<>();
        Map<String, Integer> positions = new HashMap<>();
        long handle = waiting.isEmpty() ? 0 : handleMillis(workspaceId);
        for (Conversation c : waiting) {
            Team team = c.teamId() == null ? null : teamsById.get(c.teamId());
            String queueKey = team == null ? "" : team.id();
            int position = positions.merge(queueKey, 1, Integer::sum);
            long wait = expectedWaitSeconds(position, eligible(slots, team), policyOf(team, rs), handle);
            long[] place = {position, wait};
            now.put(c.id(), place);
            long[] old = before.get(c.id());
            if (old == null || old[0] != place[0] || old[1] != place[1]) {
                bus.publish(new ConversationEvent.QueueMoved(workspaceId, c.id(), c.visitorId(), position, wait));
            }
        }
        if (now.isEmpty()) {
            places.remove(workspaceId);
        } else {
            places.put(workspaceId, now);
        }
    }

    /**
     * Those ahead, served at the pace the online agents' capacity allows, each slot freeing up after the
     * recent mean handling time; 0 when a free slot will take it right away, -1 when nobody can.
     */
    static long expectedWaitSeconds(int position, List<AgentSlot> eligible, RoutingPolicy policy, long handleMillis) {
        int capacity = 0;
        int free = 0;
        for (AgentSlot s : eligible) {
            capacity += s.maxChats();
            free += Math.max(0, s.maxChats() - s.open());
        }
        if (capacity == 0) {
            return -1;
        }
        int ahead = position - 1;
        if (policy != RoutingPolicy.MANUAL && ahead < free) {
            return 0;
        }
        int rounds = (ahead - (policy == RoutingPolicy.MANUAL ? 0 : free)) / capacity + 1;
        return rounds * handleMillis / 1000;
    }

    private long handleMillis(String workspaceId) {
        long now = clock.millis();
        long[] cached = handleTimes.get(workspaceId);
        if (cached == null || now - cached[1] > HANDLE_TIME_REFRESH) {
            cached = new long[] {store.averageHandleMillis(workspaceId).orElse(DEFAULT_HANDLE_MILLIS), now};
            handleTimes.put(workspaceId, cached);
        }
        return cached[0];
    }

    /** Conversations an agent did not answer in time go to another available agent, when there is one. */
    private void moveOverdue(long now) {
        List<Conversation> overdue = store.overdue(now, 100);
        if (overdue.isEmpty()) {
            return;
        }
        Map<String, Map<String, AgentSlot>> slotsByWorkspace = new HashMap<>();
        Map<String, Map<String, Team>> teamsByWorkspace = new HashMap<>();
        for (Conversation c : overdue) {
            RoutingSettings rs = settings.of(c.workspaceId());
            Map<String, AgentSlot> slots = slotsByWorkspace.computeIfAbsent(c.workspaceId(), this::slotsOf);
            Map<String, Team> teamsById = teamsByWorkspace.computeIfAbsent(c.workspaceId(), ws -> {
                Map<String, Team> m = new HashMap<>();
                teams.inWorkspace(ws).forEach(t -> m.put(t.id(), t));
                return m;
            });
            Team team = c.teamId() == null ? null : teamsById.get(c.teamId());
            RoutingPolicy policy = policyOf(team, rs);
            Optional<AgentSlot> pick = choose(policy == RoutingPolicy.STICKY ? RoutingPolicy.LEAST_BUSY : policy,
                    available(slots, team, c.assigneeId()), c);
            if (pick.isPresent() && chat.reassign(c, pick.get().agentId(), "no_answer", answerDue(rs, now)).isPresent()) {
                slots.put(pick.get().agentId(), slots.get(pick.get().agentId()).plusOne(now));
            }
        }
    }

    /** Catches what an event may have missed (e.g. after a restart): conversations held by agents long gone. */
    private void requeueOrphans(long now) {
        Set<String> seen = new HashSet<>();
        for (String[] assignee : store.assignees()) {
            String workspaceId = assignee[0];
            String agentId = assignee[1];
            if (seen.add(agentId) && now - startedAt >= settings.graceMillis(workspaceId)
                    && presence.status(agentId) == PresenceStatus.OFFLINE) {
                requeueAllOf(agentId, "agent_offline");
            }
        }
    }

    /** Conversations nobody wrote in for the workspace's idle time are resolved, with a system message. */
    private void resolveIdle(long now) {
        settings.autoResolving().forEach((workspaceId, seconds) -> {
            for (Conversation c : store.idle(workspaceId, now - seconds * 1000L, 100)) {
                chat.autoResolve(c, seconds);
            }
        });
    }

    private void requeueAllOf(String agentId, String reason) {
        if (presence.status(agentId) != PresenceStatus.OFFLINE) {
            return; // back meanwhile
        }
        for (Conversation c : store.openOf(agentId)) {
            chat.requeue(c, reason);
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(TICK_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        worker.interrupt();
        worker.join(5_000);
    }
}
