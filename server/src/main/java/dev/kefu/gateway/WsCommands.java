package dev.kefu.gateway;

import dev.kefu.common.Caller;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.KefuException;
import dev.kefu.conversation.Appended;
import dev.kefu.conversation.ChatService;
import dev.kefu.visitor.VisitorActivity;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each accepted frame into one domain command and its answer. No business rules here: those live in
 * {@link ChatService}. Runs on the connection's virtual thread, one frame at a time, except a simple send,
 * which the event loop may make itself ({@link #runIfSimple}).
 */
final class WsCommands {
    private static final Logger LOG = LoggerFactory.getLogger(WsCommands.class);

    private final ChatService chat;
    private final VisitorActivity visitors;
    private final Resumer resumer;

    WsCommands(ChatService chat, VisitorActivity visitors) {
        this.chat = chat;
        this.visitors = visitors;
        this.resumer = new Resumer(chat);
    }

    void run(WsConnection conn, WsInbound frame) {
        try {
            if (conn.caller() instanceof Caller.Visitor v) {
                try {
                    // Blocked since the handshake (here or on another node): nothing of theirs goes further.
                    visitors.check(v, conn.ip());
                } catch (KefuException e) {
                    conn.send(Frames.error(e.code().wire(), e.getMessage(), ref(frame)));
                    conn.close(WsConnection.CLOSE_BLOCKED, "blocked");
                    return;
                }
            }
            switch (frame) {
                case WsInbound.Send s -> chat.send(conn.caller(), s.conversationId(), s.clientMsgId(), s.text(), s.attachments())
                        .whenComplete((appended, failure) -> answerSend(conn, s, appended, failure));
                case WsInbound.Typing t -> chat.typing(conn.caller(), t.conversationId(), t.typing());
                case WsInbound.Read r -> chat.read(conn.caller(), r.conversationId(), r.seq());
                case WsInbound.Resume r -> resumer.resume(conn, r.conversations());
                case WsInbound.Ping p -> conn.send(Frames.pong(System.currentTimeMillis()));
                case WsInbound.Page p -> {
                    if (!(conn.caller() instanceof Caller.Visitor v)) {
                        throw KefuException.forbidden("page frames come from visitors");
                    }
                    visitors.view(v, conn.ip(), p.url(), p.title(), p.referrer());
                }
            }
        } catch (KefuException e) {
            conn.send(Frames.error(e.code().wire(), e.getMessage(), ref(frame)));
        } catch (RuntimeException e) {
            LOG.error("frame {} failed", frame.getClass().getSimpleName(), e);
            conn.send(Frames.error(ErrorCode.INTERNAL.wire(), "unexpected server error", ref(frame)));
        }
    }

    /**
     * Runs a send on the event loop when it needs no blocking work (see {@link ChatService#sendIfSimple}) and
     * nothing of this connection is still queued before it, sparing the hop to a virtual thread and back.
     * False when the frame must go through {@link #run}.
     */
    boolean runIfSimple(WsConnection conn, WsInbound frame) {
        if (!(frame instanceof WsInbound.Send s) || !conn.idle()) {
            return false;
        }
        if (conn.caller() instanceof Caller.Visitor v && !visitors.surelyAllowed(v, conn.ip())) {
            return false;
        }
        try {
            var sent = chat.sendIfSimple(conn.caller(), s.conversationId(), s.clientMsgId(), s.text(), s.attachments());
            if (sent == null) {
                return false;
            }
            sent.whenComplete((appended, failure) -> answerSend(conn, s, appended, failure));
        } catch (KefuException e) {
            conn.send(Frames.error(e.code().wire(), e.getMessage(), ref(frame)));
        }
        return true;
    }

    /** The visitor's last connection on this node closed: the page they were on ends now. */
    void left(Caller.Visitor visitor, String ip) {
        try {
            visitors.check(visitor, ip);
            visitors.left(visitor);
        } catch (KefuException e) {
            // blocked: nothing of theirs is stored
        } catch (RuntimeException e) {
            LOG.debug("could not end the page view of {}", visitor.id(), e);
        }
    }

    private static void answerSend(WsConnection conn, WsInbound.Send s, Appended appended, Throwable failure) {
        if (failure == null) {
            conn.send(Frames.ack(appended.message()));
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof KefuException k) {
            conn.send(Frames.error(k.code().wire(), k.getMessage(), s.clientMsgId()));
        } else {
            conn.send(Frames.error(ErrorCode.INTERNAL.wire(), "the message was not stored; send it again", s.clientMsgId()));
        }
    }

    private static String ref(WsInbound frame) {
        return switch (frame) {
            case WsInbound.Send s -> s.clientMsgId();
            case WsInbound.Typing t -> "typing";
            case WsInbound.Read r -> "read";
            case WsInbound.Resume r -> "resume";
            case WsInbound.Ping p -> "ping";
            case WsInbound.Page p -> "page";
        };
    }
}
