package dev.kefu.visitor;

import dev.kefu.common.Caller;
import dev.kefu.common.Clock;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.Ids;
import dev.kefu.common.KefuException;
import dev.kefu.event.EventBus;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Who may not use a workspace's widget: IP addresses, CIDR networks and visitors, each with a reason and an
 * optional expiry. Checks are cheap: each workspace's active blocks are kept in memory, reloaded at once after a
 * change on this node and at least every {@value #REFRESH_MILLIS} ms (for changes made on other nodes). An expired
 * block stops applying at its expiry, without a reload. Blocking only when (re)loading; thread-safe.
 */
public final class BlockList {
    /** What a blocked visitor is told, whatever they try. */
    public static final String REFUSAL = "Sorry, you can't start a chat here.";
    public static final int MAX_REASON = 500;
    static final int MAX_BLOCKS = 10_000;
    static final long REFRESH_MILLIS = 30_000;
    private static final int MIN_PREFIX_V4 = 8;
    private static final int MIN_PREFIX_V6 = 16;

    private final Blocks blocks;
    private final Visitors visitors;
    private final Clock clock;
    private final ConcurrentHashMap<String, Snapshot> cache = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /** A workspace's active blocks, indexed for the checks; each value is its expiry (0: never). */
    private record Snapshot(long loadedAt, Map<String, Long> visitors, Map<String, Long> ips, List<Net> networks) {
        boolean empty() {
            return visitors.isEmpty() && ips.isEmpty() && networks.isEmpty();
        }
    }

    private record Net(IPAddress network, long expiresAt) {
    }

    private final EventBus<BlocksChanged> changes;

    /**
     * @param changes carries every change to every node (in a cluster: over Redis), so a block closes the visitor's
     *                sockets wherever they are connected, not only on the node that took the request
     */
    public BlockList(Blocks blocks, Visitors visitors, Clock clock, EventBus<BlocksChanged> changes) {
        this.blocks = blocks;
        this.visitors = visitors;
        this.clock = clock;
        this.changes = changes;
        changes.subscribe(e -> reloaded(e.workspaceId()));
    }

    /** BLOCKED when the visitor or its IP address is blocked in its workspace. */
    public void check(Caller.Visitor visitor, String ip) {
        if (blocked(visitor.workspaceId(), visitor.id(), ip)) {
            throw refusal();
        }
    }

    /** BLOCKED when the IP address is blocked in the workspace (before there is a visitor to speak of). */
    public void checkIp(String workspaceId, String ip) {
        if (blocked(workspaceId, null, ip)) {
            throw refusal();
        }
    }

    public static KefuException refusal() {
        return new KefuException(ErrorCode.BLOCKED, REFUSAL);
    }

    /**
     * True when the blocks in memory are fresh and none applies: decided without reading the store, so an
     * event loop may ask. False when the visitor is blocked or the blocks must be read again.
     */
    public boolean surelyAllowed(Caller.Visitor visitor, String ip) {
        Snapshot s = cache.get(visitor.workspaceId());
        return fresh(s) && !blocked(s, visitor.id(), ip);
    }

    /** True when the visitor (null: none yet) or the IP address is blocked in the workspace now. */
    public boolean blocked(String workspaceId, String visitorId, String ip) {
        return blocked(snapshot(workspaceId), visitorId, ip);
    }

    private boolean blocked(Snapshot s, String visitorId, String ip) {
        if (s.empty()) {
            return false;
        }
        long now = clock.millis();
        if (visitorId != null && applies(s.visitors().get(visitorId), now)) {
            return true;
        }
        IPAddress address = ip == null ? null : IpLiterals.address(ip);
        if (address == null) {
            return false;
        }
        if (applies(s.ips().get(address.toCanonicalString()), now)) {
            return true;
        }
        for (Net n : s.networks()) {
            if ((n.expiresAt() == 0 || n.expiresAt() > now) && n.network().contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static boolean applies(Long expiresAt, long now) {
        return expiresAt != null && (expiresAt == 0 || expiresAt > now);
    }

    /** Tells {@code listener} the workspace id whenever a block is added or removed, on any node. */
    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** The workspace's blocks in force, newest first. Admins only. */
    public List<Block> list(Caller.Agent admin) {
        admin.requireAdmin();
        return blocks.active(admin.workspaceId(), clock.millis());
    }

    /**
     * Blocks an IP address ({@code ip}), a network ({@code cidr}: IPv4 /8 to /32, IPv6 /16 to /128) or a visitor of
     * the workspace ({@code visitor}: its id). Admins only.
     *
     * @param expiresAt when it ends, in the future; null: never
     */
    public Block add(Caller.Agent admin, String kind, String target, String reason, Long expiresAt) {
        admin.requireAdmin();
        Block.Kind k = Block.Kind.parse(kind)
                .orElseThrow(() -> KefuException.invalid("kind must be one of ip, cidr, visitor"));
        if (target == null || target.isBlank()) {
            throw KefuException.invalid("value is required");
        }
        String normalised = switch (k) {
            case IP -> {
                IPAddress a = IpLiterals.address(target);
                if (a == null) {
                    throw KefuException.invalid("value must be an IPv4 or IPv6 address, e.g. 203.0.113.7");
                }
                yield a.toCanonicalString();
            }
            case CIDR -> {
                IPAddress n = IpLiterals.network(target);
                if (n == null) {
                    throw KefuException.invalid("value must be a network in CIDR notation, e.g. 203.0.113.0/24");
                }
                int min = n.isIPv4() ? MIN_PREFIX_V4 : MIN_PREFIX_V6;
                if (n.getNetworkPrefixLength() < min) {
                    throw KefuException.invalid("value: the prefix must be at least /" + min
                            + " (a wider network would block a large part of the internet)");
                }
                yield n.toCanonicalString();
            }
            case VISITOR -> {
                if (!Ids.looksValid(target) || visitors.find(admin.workspaceId(), target).isEmpty()) {
                    throw KefuException.invalid("value must be the id of a visitor of this workspace");
                }
                yield target;
            }
        };
        if (reason != null && reason.length() > MAX_REASON) {
            throw KefuException.invalid("reason is longer than " + MAX_REASON + " characters");
        }
        long now = clock.millis();
        if (expiresAt != null && expiresAt <= now) {
            throw KefuException.invalid("expiresAt must be in the future (or null: never)");
        }
        if (blocks.active(admin.workspaceId(), now).size() >= MAX_BLOCKS) {
            throw KefuException.invalid("a workspace has at most " + MAX_BLOCKS + " blocks");
        }
        Block b = new Block(Ids.next(), admin.workspaceId(), k, normalised,
                reason == null || reason.isBlank() ? null : reason.strip(), expiresAt == null ? 0 : expiresAt,
                admin.id(), now);
        blocks.create(b);
        changed(admin.workspaceId());
        return b;
    }

    /** Lifts a block. Admins only; NOT_FOUND for another workspace's. */
    public void remove(Caller.Agent admin, String id) {
        admin.requireAdmin();
        if (!Ids.looksValid(id) || !blocks.delete(admin.workspaceId(), id)) {
            throw new KefuException(ErrorCode.NOT_FOUND, "no such block");
        }
        changed(admin.workspaceId());
    }

    private void changed(String workspaceId) {
        changes.publish(new BlocksChanged(workspaceId));
    }

    private void reloaded(String workspaceId) {
        cache.put(workspaceId, load(workspaceId));
        for (Consumer<String> l : listeners) {
            l.accept(workspaceId);
        }
    }

    private Snapshot snapshot(String workspaceId) {
        Snapshot s = cache.get(workspaceId);
        if (!fresh(s)) {
            // Concurrent reloads of one workspace may both run; either result is right.
            s = load(workspaceId);
            cache.put(workspaceId, s);
        }
        return s;
    }

    private boolean fresh(Snapshot s) {
        return s != null && clock.millis() - s.loadedAt() <= REFRESH_MILLIS;
    }

    private Snapshot load(String workspaceId) {
        long now = clock.millis();
        Map<String, Long> byVisitor = new HashMap<>();
        Map<String, Long> byIp = new HashMap<>();
        List<Net> networks = new ArrayList<>();
        for (Block b : blocks.active(workspaceId, now)) {
            switch (b.kind()) {
                case VISITOR -> byVisitor.merge(b.target(), b.expiresAt(), BlockList::later);
                case IP -> {
                    IPAddress a = IpLiterals.address(b.target());
                    if (a != null) {
                        byIp.merge(a.toCanonicalString(), b.expiresAt(), BlockList::later);
                    }
                }
                case CIDR -> {
                    IPAddress n = IpLiterals.network(b.target());
                    if (n != null) {
                        networks.add(new Net(n, b.expiresAt()));
                    }
                }
            }
        }
        return new Snapshot(now, Map.copyOf(byVisitor), Map.copyOf(byIp), List.copyOf(networks));
    }

    /** Of two expiries, the one that blocks longer (0: never ends). */
    private static long later(long a, long b) {
        return a == 0 || b == 0 ? 0 : Math.max(a, b);
    }
}
