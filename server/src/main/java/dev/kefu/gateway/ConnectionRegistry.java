package dev.kefu.gateway;

import dev.kefu.agent.Presence;
import dev.kefu.common.Caller;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The WebSockets open on this node, indexed the way fan-out needs them: a visitor's tabs by visitor id, and
 * agent tabs by workspace. Also counts connections per client IP to stop floods. Thread-safe.
 */
final class ConnectionRegistry {
    private final ConcurrentHashMap<String, Set<WsConnection>> visitors = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<WsConnection>> agentsByWorkspace = new ConcurrentHashMap<>();
    private final Set<WsConnection> all = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, AtomicInteger> perIp = new ConcurrentHashMap<>();
    private final Presence presence;

    ConnectionRegistry(Presence presence) {
        this.presence = presence;
    }

    /** Reserves a connection slot for the IP; false when it already holds {@code max}. */
    boolean reserve(String ip, int max) {
        AtomicInteger n = perIp.computeIfAbsent(ip, k -> new AtomicInteger());
        if (n.incrementAndGet() > max) {
            release(ip);
            return false;
        }
        return true;
    }

    void release(String ip) {
        perIp.computeIfPresent(ip, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    void add(WsConnection c) {
        all.add(c);
        index(c).computeIfAbsent(key(c), k -> ConcurrentHashMap.newKeySet()).add(c);
        if (c.caller() instanceof Caller.Agent a) {
            presence.connected(a.workspaceId(), a.id());
        }
    }

    void remove(WsConnection c) {
        if (all.remove(c)) {
            index(c).computeIfPresent(key(c), (k, set) -> {
                set.remove(c);
                return set.isEmpty() ? null : set;
            });
            release(c.ip());
            if (c.caller() instanceof Caller.Agent a) {
                presence.disconnected(a.workspaceId(), a.id());
            }
        }
    }

    Collection<WsConnection> visitor(String visitorId) {
        Set<WsConnection> s = visitors.get(visitorId);
        return s == null ? Set.of() : s;
    }

    Collection<WsConnection> agents(String workspaceId) {
        Set<WsConnection> s = agentsByWorkspace.get(workspaceId);
        return s == null ? Set.of() : s;
    }

    Collection<WsConnection> all() {
        return all;
    }

    int size() {
        return all.size();
    }

    private ConcurrentHashMap<String, Set<WsConnection>> index(WsConnection c) {
        return c.caller() instanceof Caller.Agent ? agentsByWorkspace : visitors;
    }

    private static String key(WsConnection c) {
        return c.caller() instanceof Caller.Agent a ? a.workspaceId() : c.caller().id();
    }
}
