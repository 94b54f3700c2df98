package dev.kefu.gateway;

import dev.kefu.agent.PresenceChanged;
import dev.kefu.common.Caller;
import dev.kefu.conversation.ConversationEvent;
import dev.kefu.json.Views;
import dev.kefu.conversation.Sender;
import dev.kefu.visitor.VisitorChanged;
import java.util.function.Consumer;

/**
 * Decides, in one place, which local connections receive each event, encodes the frame once and hands it to
 * them. A visitor receives only its own conversations' events; agents receive their workspace's. Runs on the
 * publishing thread (the store's writer for committed events), which keeps per-connection order; never blocks.
 */
final class Fanout implements Consumer<ConversationEvent> {
    private final ConnectionRegistry registry;

    Fanout(ConnectionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void accept(ConversationEvent event) {
        switch (event) {
            case ConversationEvent.MessageAppended m -> {
                byte[] frame = Frames.message(m.message(), false);
                // Agent-only parts (a transfer note) never reach the visitor: it gets its own copy without them.
                byte[] visitorFrame = Views.hasAgentOnlyParts(m.message()) ? Frames.message(m.message(), true) : frame;
                String conversationId = m.conversationId();
                long seq = m.message().seq();
                for (WsConnection c : registry.visitor(m.visitorId())) {
                    c.deliverMessage(conversationId, seq, visitorFrame);
                }
                for (WsConnection c : registry.agents(m.workspaceId())) {
                    c.deliverMessage(conversationId, seq, frame);
                }
            }
            case ConversationEvent.ConversationChanged c -> toEveryone(event, Frames.conversation(c.conversation()));
            case ConversationEvent.Typing t -> {
                byte[] frame = Frames.typing(t.conversationId(), t.sender(), t.typing());
                toOthers(event, t.sender(), frame);
            }
            case ConversationEvent.ReadUpTo r -> toOthers(event, r.reader(), Frames.read(r.conversationId(), r.reader(), r.seq()));
            // Agents only: a note or a label must never reach the visitor's connections.
            case ConversationEvent.NoteAdded n -> toAgents(event, Frames.note(n));
            case ConversationEvent.LabelsChanged l -> toAgents(event, Frames.labels(l.conversationId(), l.labelIds()));
            case ConversationEvent.BotDelta d -> toEveryone(event, Frames.botDelta(d));
            case ConversationEvent.QueueMoved q -> {
                byte[] frame = Frames.queue(q.conversationId(), q.position(), q.expectedWaitSeconds());
                for (WsConnection c : registry.visitor(q.visitorId())) {
                    c.send(frame);
                }
            }
        }
    }

    /** Presence: agents learn each change; visitors only whether anyone is online at all. */
    void presence(PresenceChanged p) {
        byte[] agentFrame = Frames.agentPresence(p.agentId(), p.status().wire());
        for (WsConnection c : registry.agents(p.workspaceId())) {
            c.send(agentFrame);
        }
        if (p.anyOnlineChanged()) {
            byte[] visitorFrame = Frames.workspacePresence(p.anyOnline());
            for (WsConnection c : registry.all()) {
                if (c.caller() instanceof Caller.Visitor v && v.workspaceId().equals(p.workspaceId())) {
                    c.send(visitorFrame);
                }
            }
        }
    }

    private void toAgents(ConversationEvent event, byte[] frame) {
        for (WsConnection c : registry.agents(event.workspaceId())) {
            c.send(frame);
        }
    }

    /** A visitor's details changed: every agent of the workspace (the visitor itself learns nothing). */
    void visitor(VisitorChanged v) {
        byte[] frame = Frames.visitor(v);
        for (WsConnection c : registry.agents(v.workspaceId())) {
            c.send(frame);
        }
    }

    private void toEveryone(ConversationEvent event, byte[] frame) {
        for (WsConnection c : registry.visitor(event.visitorId())) {
            c.send(frame);
        }
        for (WsConnection c : registry.agents(event.workspaceId())) {
            c.send(frame);
        }
    }

    /** Everyone in the conversation but the actor's own connections (a visitor's typing goes to agents only). */
    private void toOthers(ConversationEvent event, Sender actor, byte[] frame) {
        if (actor.kind() != Sender.Kind.VISITOR) {
            for (WsConnection c : registry.visitor(event.visitorId())) {
                c.send(frame);
            }
        }
        for (WsConnection c : registry.agents(event.workspaceId())) {
            if (!c.caller().id().equals(actor.id())) {
                c.send(frame);
            }
        }
    }
}
