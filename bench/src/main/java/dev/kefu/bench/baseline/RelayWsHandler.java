package dev.kefu.bench.baseline;

import dev.kefu.bench.protocol.ClientFrame;
import dev.kefu.bench.protocol.ClientFrameCodec;
import dev.kefu.bench.protocol.InvalidFrameException;
import dev.kefu.bench.protocol.ServerFrame;
import dev.kefu.bench.protocol.ServerFrameCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One baseline WebSocket after the upgrade: {@code send} → {@code ack} plus {@code message} to the visitor's
 * connections and every agent connection, {@code resume} → replay of what is still remembered, then
 * {@code resumed}, {@code ping} → {@code pong}. No auth checks and no storage.
 *
 * <p>Frames arrive on the connection's event loop; sends and resumes then run on the conversation's home loop
 * (see {@link RelayConversation}), which is what orders messages per conversation at every receiver.
 */
final class RelayWsHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final int SLOW_CONSUMER = 4008;

    private final RelayState state;
    private final RelaySession session;
    private final WebSocketServerHandshaker handshaker;

    RelayWsHandler(RelayState state, RelaySession session, WebSocketServerHandshaker handshaker) {
        this.state = state;
        this.session = session;
        this.handshaker = handshaker;
    }

    /** After the handshake, on the channel's event loop: start receiving fan-out, then greet. */
    void opened(Channel channel) {
        if (session.visitor() != null) {
            session.visitor().addChannel(channel);
        } else {
            state.agents.add(channel);
        }
        send(channel, new ServerFrame.Hello(session.role().wire(), session.id(), session.workspaceId(), 25));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session.visitor() != null) {
            session.visitor().removeChannel(ctx.channel());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // The outbound buffer passed its high-water mark: the client does not read. Drop it rather than grow.
        if (!ctx.channel().isWritable()) {
            ctx.writeAndFlush(new CloseWebSocketFrame(SLOW_CONSUMER, "slow_consumer"));
            ctx.close();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        switch (frame) {
            case TextWebSocketFrame text -> onText(ctx, text.content());
            case PingWebSocketFrame ping -> ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            case CloseWebSocketFrame close -> handshaker.close(ctx.channel(), close.retain());
            case BinaryWebSocketFrame binary ->
                    send(ctx.channel(), new ServerFrame.Error("binary_unsupported", "binary frames are refused", null));
            default -> {
                // Pongs and continuation frames: nothing to do; the bench never fragments.
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void onText(ChannelHandlerContext ctx, ByteBuf content) {
        ClientFrame frame;
        try {
            frame = ClientFrameCodec.parse(content);
        } catch (InvalidFrameException e) {
            send(ctx.channel(), new ServerFrame.Error(e.code(), e.getMessage(), null));
            return;
        }
        switch (frame) {
            case ClientFrame.Send s -> onSend(ctx, s);
            case ClientFrame.Resume r -> onResume(ctx, r);
            case ClientFrame.Ping p -> send(ctx.channel(), new ServerFrame.Pong(System.currentTimeMillis()));
            case ClientFrame.Other o -> {
                // typing and read: the baseline relays only messages.
            }
        }
    }

    private void onSend(ChannelHandlerContext ctx, ClientFrame.Send s) {
        Channel sender = ctx.channel();
        state.conversation(s.conversationId()).ifPresentOrElse(
                conversation -> conversation.onHome(ctx.executor(), () -> relay(sender, conversation, s)),
                () -> send(sender, new ServerFrame.Error("forbidden", "no such conversation", s.clientMsgId())));
    }

    /** On the conversation's home loop: assign the next seq (or find the original), ack, fan out. */
    private void relay(Channel sender, RelayConversation conversation, ClientFrame.Send s) {
        var known = conversation.recent().find(session.id(), s.clientMsgId());
        if (known.isPresent()) {
            send(sender, ack(known.get()));
            return;
        }
        long seq = conversation.nextSeq();
        ServerFrame.Message message = new ServerFrame.Message(conversation.id, conversation.id + "-" + seq, seq,
                session.role().wire(), session.id(), s.text(), s.clientMsgId(), System.currentTimeMillis());
        conversation.recent().add(message);
        send(sender, ack(message));
        ByteBuf encoded = ServerFrameCodec.encode(sender.alloc(), message);
        try {
            state.visitor(conversation.visitorId).ifPresent(v -> {
                for (Channel c : v.channels()) {
                    write(c, encoded);
                }
            });
            for (Channel agent : state.agents) {
                write(agent, encoded);
            }
        } finally {
            encoded.release();
        }
    }

    private void onResume(ChannelHandlerContext ctx, ClientFrame.Resume r) {
        Channel channel = ctx.channel();
        Map<String, Long> delivered = new ConcurrentHashMap<>();
        Queue<String> truncated = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> replays = new ArrayList<>();
        for (Map.Entry<String, Long> wanted : r.conversations().entrySet()) {
            var conversation = state.conversation(wanted.getKey());
            if (conversation.isEmpty()) {
                send(channel, new ServerFrame.Error("forbidden", "no such conversation", "resume"));
                continue;
            }
            RelayConversation c = conversation.get();
            CompletableFuture<Void> done = new CompletableFuture<>();
            replays.add(done);
            c.onHome(ctx.executor(), () -> {
                List<ServerFrame.Message> missed = c.recent().after(wanted.getValue());
                long last = c.lastSeq();
                if (last > wanted.getValue() && (missed.isEmpty() || missed.getFirst().seq() > wanted.getValue() + 1)) {
                    truncated.add(c.id);
                }
                missed.forEach(m -> send(channel, m));
                delivered.put(c.id, last);
                done.complete(null);
            });
        }
        // Replays were issued to this channel before the futures completed, so "resumed" queued after them
        // on the channel's own loop reaches the client last.
        CompletableFuture.allOf(replays.toArray(CompletableFuture[]::new)).thenRun(() -> channel.eventLoop().execute(
                () -> send(channel, new ServerFrame.Resumed(Map.copyOf(delivered), List.copyOf(truncated)))));
    }

    private static ServerFrame.Ack ack(ServerFrame.Message m) {
        return new ServerFrame.Ack(m.clientMsgId(), m.conversationId(), m.id(), m.seq(), m.createdAt());
    }

    private static void send(Channel channel, ServerFrame frame) {
        ByteBuf encoded = ServerFrameCodec.encode(channel.alloc(), frame);
        channel.writeAndFlush(new TextWebSocketFrame(encoded), channel.voidPromise());
    }

    private static void write(Channel channel, ByteBuf encoded) {
        channel.writeAndFlush(new TextWebSocketFrame(encoded.retainedDuplicate()), channel.voidPromise());
    }
}
