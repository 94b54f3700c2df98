package dev.kefu.gateway;

import dev.kefu.access.Authenticator;
import dev.kefu.agent.Presence;
import dev.kefu.agent.PresenceChanged;
import dev.kefu.common.Caller;
import dev.kefu.conversation.ChatService;
import dev.kefu.conversation.ConversationEvent;
import dev.kefu.event.EventBus;
import dev.kefu.http.UpgradeHandler;
import dev.kefu.visitor.VisitorActivity;
import java.util.concurrent.ExecutorService;

/** The WebSocket side of Kefu, assembled: upgrade, frame handling, fan-out and heartbeat. */
public final class Gateway implements AutoCloseable {
    private final ConnectionRegistry registry;
    private final WsUpgrade upgrade;
    private final Heartbeat heartbeat;
    private final AutoCloseable subscription;
    private final AutoCloseable presenceSubscription;
    private final AutoCloseable visitorSubscription;

    /** How the gateway is tuned: connection caps, frame budget and heartbeat. */
    public record Limits(int maxConnectionsPerIp, int wsRate, long heartbeatMillis) {
    }

    public Gateway(Authenticator authenticator, ChatService chat, VisitorActivity visitors,
                   EventBus<ConversationEvent> bus, Presence presence, EventBus<PresenceChanged> presenceBus,
                   ExecutorService virtualThreads, Limits limits) {
        int maxConnectionsPerIp = limits.maxConnectionsPerIp();
        int wsRate = limits.wsRate();
        long heartbeatMillis = limits.heartbeatMillis();
        this.registry = new ConnectionRegistry(presence);
        WsFrameHandler frames = new WsFrameHandler(new WsCommands(chat, visitors), registry);
        this.upgrade = new WsUpgrade(authenticator, registry, frames, virtualThreads, maxConnectionsPerIp, wsRate,
                heartbeatMillis);
        Fanout fanout = new Fanout(registry);
        this.subscription = bus.subscribe(fanout);
        this.presenceSubscription = presenceBus.subscribe(fanout::presence);
        this.visitorSubscription = visitors.subscribe(fanout::visitor);
        this.heartbeat = new Heartbeat(registry, heartbeatMillis);
    }

    public UpgradeHandler upgradeHandler() {
        return upgrade;
    }

    public int connections() {
        return registry.size();
    }

    /** Closes the WebSockets of one agent session (after logout). */
    public void closeSession(String sessionHash) {
        for (WsConnection c : registry.all()) {
            if (c.caller() instanceof Caller.Agent a && a.sessionHash().equals(sessionHash)) {
                c.close(4001, "session_ended");
            }
        }
    }

    /** Closes the WebSockets of an agent (after deactivation). */
    public void closeAgent(String agentId) {
        for (WsConnection c : registry.all()) {
            if (c.caller() instanceof Caller.Agent a && a.id().equals(agentId)) {
                c.close(4001, "session_ended");
            }
        }
    }

    /**
     * Asks every client to reconnect and resume (1012): after the cluster's event link was down, this node's
     * clients may have missed what happened on other nodes, and a resume fetches exactly that.
     */
    public void resyncAll() {
        for (WsConnection c : registry.all()) {
            c.close(1012, "resync");
        }
    }

    /**
     * Closes (4003) the WebSockets of visitors who are now blocked, e.g. right after a block was added.
     *
     * @param blocked tells from a visitor and its IP whether it is blocked; must not block
     */
    public void closeBlocked(java.util.function.BiPredicate<Caller.Visitor, String> blocked) {
        for (WsConnection c : registry.all()) {
            if (c.caller() instanceof Caller.Visitor v && blocked.test(v, c.ip())) {
                c.close(WsConnection.CLOSE_BLOCKED, "blocked");
            }
        }
    }

    /** Tells every client the server is going away (1001), so they reconnect elsewhere or later. */
    @Override
    public void close() throws Exception {
        subscription.close();
        presenceSubscription.close();
        visitorSubscription.close();
        heartbeat.close();
        for (WsConnection c : registry.all()) {
            c.close(1001, "server_shutdown");
        }
    }
}
