package dev.kefu.cluster;

import dev.kefu.agent.Presence;
import dev.kefu.agent.PresenceChanged;
import dev.kefu.agent.PresenceStatus;
import dev.kefu.event.EventBus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * {@link Presence} for a cluster. Each node keeps its own agents' connections in memory and writes them to a Redis
 * hash of its own that expires unless refreshed: a node that dies takes its agents' presence with it within
 * {@link #TTL_SECONDS}. Every node reads all nodes' hashes (every few seconds, and at once when another node
 * says something changed) to know who is online anywhere, and publishes {@link PresenceChanged} locally when a
 * status changes. The online/away choice is shared in one hash. Never blocks the caller: Redis I/O happens on
 * the presence thread.
 */
public final class RedisPresence implements Presence, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisPresence.class);
    static final int TTL_SECONDS = 15;
    private static final long REFRESH_MILLIS = 3_000;
    private static final String NODE_KEY = "kefu:presence:node:";
    private static final String CHOICE_KEY = "kefu:presence:choice";
    private static final String CHANNEL = "kefu:presence";

    /** This node's connections of one agent. */
    private record Local(String workspaceId, int connections, boolean lingering, long drops) {
    }

    /** One agent cluster-wide. */
    private record View(String workspaceId, int connections, boolean lingering) {
    }

    private final RedisLink link;
    private final EventBus<PresenceChanged> bus;
    private final ToLongFunction<String> graceMillis;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Local> local = new HashMap<>();
    /** Other nodes' agents, as last read from Redis. */
    private Map<String, View> remote = new HashMap<>();
    private final Map<String, PresenceStatus> choices = new ConcurrentHashMap<>();
    private final Map<String, PresenceStatus> published = new ConcurrentHashMap<>();
    private final Map<String, String> workspaceOf = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> onlineByWorkspace = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("kefu-presence").daemon().factory());
    private final AtomicBoolean flushPending = new AtomicBoolean();

    public RedisPresence(RedisLink link, EventBus<PresenceChanged> bus, ToLongFunction<String> graceMillis) {
        this.link = link;
        this.bus = bus;
        this.graceMillis = graceMillis;
        link.listen(CHANNEL, from -> {
            if (!from.equals(link.nodeId())) {
                thread.execute(this::refreshQuietly);
            }
        });
        link.onReconnect(this::flushSoon);
    }

    public void start() {
        thread.scheduleWithFixedDelay(() -> {
            flushQuietly();
            refreshQuietly();
        }, 0, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void connected(String workspaceId, String agentId) {
        changeLocal(workspaceId, agentId, l -> new Local(workspaceId, l.connections() + 1, false, l.drops()));
    }

    @Override
    public void disconnected(String workspaceId, String agentId) {
        long grace = graceMillis.applyAsLong(workspaceId);
        Local after = changeLocal(workspaceId, agentId, l -> new Local(workspaceId, Math.max(0, l.connections() - 1),
                l.connections() <= 1 && grace > 0, l.drops() + 1));
        if (after.lingering()) {
            long drop = after.drops();
            thread.schedule(() -> changeLocal(workspaceId, agentId, l -> l.lingering() && l.drops() == drop
                    ? new Local(workspaceId, l.connections(), false, l.drops()) : l), grace, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void choose(String workspaceId, String agentId, PresenceStatus choice) {
        lock.lock();
        try {
            choices.put(agentId, choice);
            workspaceOf.put(agentId, workspaceId);
            recompute();
        } finally {
            lock.unlock();
        }
        thread.execute(() -> {
            try {
                link.call(r -> r.hset(CHOICE_KEY, agentId, choice.wire()));
                link.publish(CHANNEL, link.nodeId());
            } catch (JedisException e) {
                LOG.warn("could not store {}'s presence choice in Redis: {}", agentId, e.getMessage());
            }
        });
    }

    private Local changeLocal(String workspaceId, String agentId, java.util.function.UnaryOperator<Local> f) {
        lock.lock();
        try {
            Local before = local.getOrDefault(agentId, new Local(workspaceId, 0, false, 0));
            Local after = f.apply(before);
            if (after.connections() == 0 && !after.lingering()) {
                local.remove(agentId);
            } else {
                local.put(agentId, after);
            }
            workspaceOf.put(agentId, workspaceId);
            recompute();
            flushSoon();
            return after;
        } finally {
            lock.unlock();
        }
    }

    /** Writes this node's hash and tells the others, soon, once, on the presence thread. */
    private void flushSoon() {
        if (flushPending.compareAndSet(false, true)) {
            thread.execute(() -> {
                flushPending.set(false);
                flushQuietly();
                link.publish(CHANNEL, link.nodeId());
            });
        }
    }

    private void flushQuietly() {
        Map<String, String> fields = new HashMap<>();
        lock.lock();
        try {
            local.forEach((agent, l) -> fields.put(agent, l.workspaceId() + "|" + l.connections() + "|"
                    + (l.lingering() ? 1 : 0)));
        } finally {
            lock.unlock();
        }
        String key = NODE_KEY + link.nodeId();
        try {
            link.call(r -> {
                try (Pipeline p = r.pipelined()) {
                    p.del(key);
                    if (!fields.isEmpty()) {
                        p.hset(key, fields);
                        p.expire(key, TTL_SECONDS);
                    }
                    p.sync();
                }
                return null;
            });
        } catch (JedisException e) {
            LOG.debug("presence not written to Redis: {}", e.getMessage());
        }
    }

    private void refreshQuietly() {
        try {
            Map<String, View> seen = new HashMap<>();
            Map<String, String> storedChoices = link.call(r -> r.hgetAll(CHOICE_KEY));
            link.call(r -> {
                String cursor = ScanParams.SCAN_POINTER_START;
                ScanParams params = new ScanParams().match(NODE_KEY + "*").count(500);
                do {
                    ScanResult<String> page = r.scan(cursor, params);
                    for (String key : page.getResult()) {
                        if (key.equals(NODE_KEY + link.nodeId())) {
                            continue;
                        }
                        r.hgetAll(key).forEach((agent, value) -> {
                            String[] parts = value.split("\\|");
                            if (parts.length == 3) {
                                View old = seen.get(agent);
                                int connections = Integer.parseInt(parts[1]) + (old == null ? 0 : old.connections());
                                boolean lingering = "1".equals(parts[2]) || old != null && old.lingering();
                                seen.put(agent, new View(parts[0], connections, lingering));
                            }
                        });
                    }
                    cursor = page.getCursor();
                } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
                return null;
            });
            lock.lock();
            try {
                remote = seen;
                storedChoices.forEach((agent, c) -> PresenceStatus.parseChoice(c).ifPresent(s -> choices.put(agent, s)));
                seen.forEach((agent, v) -> workspaceOf.put(agent, v.workspaceId()));
                recompute();
            } finally {
                lock.unlock();
            }
        } catch (JedisException | NumberFormatException e) {
            LOG.debug("presence not read from Redis: {}", e.getMessage());
        }
    }

    /** Recomputes every known agent's status and publishes the changes. Caller holds {@link #lock}. */
    private void recompute() {
        Set<String> agents = new HashSet<>(workspaceOf.keySet());
        for (String agent : agents) {
            PresenceStatus now = computeStatus(agent);
            PresenceStatus before = published.getOrDefault(agent, PresenceStatus.OFFLINE);
            if (now == before) {
                continue;
            }
            published.put(agent, now);
            String workspaceId = workspaceOf.get(agent);
            Set<String> online = onlineByWorkspace.computeIfAbsent(workspaceId, k -> ConcurrentHashMap.newKeySet());
            boolean anyBefore = !online.isEmpty();
            if (now == PresenceStatus.ONLINE) {
                online.add(agent);
            } else {
                online.remove(agent);
            }
            boolean anyAfter = !online.isEmpty();
            bus.publish(new PresenceChanged(workspaceId, agent, now, anyAfter, anyBefore != anyAfter));
        }
    }

    private PresenceStatus computeStatus(String agent) {
        Local l = local.get(agent);
        View r = remote.get(agent);
        int connections = (l == null ? 0 : l.connections()) + (r == null ? 0 : r.connections());
        boolean lingering = l != null && l.lingering() || r != null && r.lingering();
        if (connections == 0 && !lingering) {
            return PresenceStatus.OFFLINE;
        }
        return choices.getOrDefault(agent, PresenceStatus.ONLINE);
    }

    @Override
    public PresenceStatus status(String agentId) {
        return published.getOrDefault(agentId, PresenceStatus.OFFLINE);
    }

    @Override
    public boolean reachable(String agentId) {
        lock.lock();
        try {
            Local l = local.get(agentId);
            View r = remote.get(agentId);
            return (l == null ? 0 : l.connections()) + (r == null ? 0 : r.connections()) > 0;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean anyOnline(String workspaceId) {
        Set<String> online = onlineByWorkspace.get(workspaceId);
        return online != null && !online.isEmpty();
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            link.call(r -> r.del(NODE_KEY + link.nodeId()));
        } catch (JedisException e) {
            // the key expires anyway
        }
    }
}
