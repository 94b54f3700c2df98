package dev.kefu.gateway;

import dev.kefu.common.ErrorCode;
import dev.kefu.common.KefuException;
import dev.kefu.conversation.Appended;
import dev.kefu.conversation.ChatService;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each accepted frame into one domain command and its answer. No business rules here: those live in
 * {@link ChatService}. Runs on the connection's virtual thread, one frame at a time.
 */
final class WsCommands {
    private static final Logger LOG = LoggerFactory.getLogger(WsCommands.class);

    private final ChatService chat;
    private final Resumer resumer;

    WsCommands(ChatService chat) {
        this.chat = chat;
        this.resumer = new Resumer(chat);
    }

    void run(WsConnection conn, WsInbound frame) {
        try {
            switch (frame) {
                case WsInbound.Send s -> chat.send(conn.caller(), s.conversationId(), s.clientMsgId(), s.text(), s.attachments())
                        .whenComplete((appended, failure) -> answerSend(conn, s, appended, failure));
                case WsInbound.Typing t -> chat.typing(conn.caller(), t.conversationId(), t.typing());
                case WsInbound.Read r -> chat.read(conn.caller(), r.conversationId(), r.seq());
                case WsInbound.Resume r -> resumer.resume(conn, r.conversations());
                case WsInbound.Ping p -> conn.send(Frames.pong(System.currentTimeMillis()));
            }
        } catch (KefuException e) {
            conn.send(Frames.error(e.code().wire(), e.getMessage(), ref(frame)));
        } catch (RuntimeException e) {
            LOG.error("frame {} failed", frame.getClass().getSimpleName(), e);
            conn.send(Frames.error(ErrorCode.INTERNAL.wire(), "unexpected server error", ref(frame)));
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
        };
    }
}
