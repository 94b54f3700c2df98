package dev.kefu.bench.baseline;

import dev.kefu.bench.protocol.Json;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline's REST routes and the {@code /ws} upgrade: just enough of docs/api.md for the load tool. Stateless
 * and {@link ChannelHandler.Sharable}; runs on the connection's event loop (nothing here blocks).
 */
@ChannelHandler.Sharable
final class RelayHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Pattern RESOLVE = Pattern.compile("/api/v1/conversations/([^/]+)/resolve");

    private final RelayState state;
    private final RelayUpgrade upgrade;

    RelayHttpHandler(RelayState state, RelayUpgrade upgrade) {
        this.state = state;
        this.upgrade = upgrade;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        String path = uri.path();
        HttpMethod method = req.method();
        if (path.equals("/ws") && method.equals(HttpMethod.GET)) {
            List<String> token = uri.parameters().getOrDefault("token", List.of());
            upgrade.upgrade(ctx, req, token.isEmpty() ? null : token.getFirst());
            return;
        }
        if (!method.equals(HttpMethod.POST) && !path.equals("/healthz")) {
            respond(ctx, req, HttpResponseStatus.NOT_FOUND, error("not_found", "no such route"));
            return;
        }
        try {
            Reply reply = switch (path) {
                case "/healthz" -> new Reply(HttpResponseStatus.OK, json -> {
                    json.writeStartObject();
                    json.writeStringField("status", "ok");
                    json.writeEndObject();
                });
                case "/api/v1/visitor/session" -> visitorSession(Json.stringFields(req.content()));
                case "/api/v1/conversations" -> openConversation(bearer(req));
                case "/api/v1/auth/login" -> login(Json.stringFields(req.content()));
                default -> {
                    Matcher m = RESOLVE.matcher(path);
                    yield m.matches() ? resolve(m.group(1))
                            : new Reply(HttpResponseStatus.NOT_FOUND, error("not_found", "no such route"));
                }
            };
            respond(ctx, req, reply.status(), reply.body());
        } catch (IOException e) {
            respond(ctx, req, HttpResponseStatus.BAD_REQUEST, error("bad_json", "the body is not a JSON object"));
        }
    }

    /** A status and a body writer. */
    private record Reply(HttpResponseStatus status, Json.Writer body) {}

    private Reply visitorSession(Map<String, String> body) {
        RelayVisitor visitor = state.visitorSession(body.get("token"), body.get("workspaceId"));
        RelayConversation current = visitor.current();
        return new Reply(HttpResponseStatus.OK, json -> RelayJson.visitorSession(json, visitor, current));
    }

    private Reply openConversation(String token) {
        Optional<RelayVisitor> visitor = state.visitorOf(token);
        if (visitor.isEmpty()) {
            return new Reply(HttpResponseStatus.UNAUTHORIZED, error("unauthorized", "a visitor token is required"));
        }
        RelayState.Opened opened = state.openConversation(visitor.get());
        return new Reply(opened.created() ? HttpResponseStatus.CREATED : HttpResponseStatus.OK,
                json -> RelayJson.conversation(json, opened.conversation()));
    }

    private Reply login(Map<String, String> body) {
        String email = body.getOrDefault("email", "agent@bench");
        String agentId = state.agentIdFor(email);
        return new Reply(HttpResponseStatus.OK, json -> RelayJson.login(json, agentId, state.workspaceId, email));
    }

    private Reply resolve(String conversationId) {
        Optional<RelayConversation> conversation = state.conversation(conversationId);
        if (conversation.isEmpty()) {
            return new Reply(HttpResponseStatus.NOT_FOUND, error("not_found", "no such conversation"));
        }
        conversation.get().resolve();
        return new Reply(HttpResponseStatus.OK, json -> RelayJson.conversation(json, conversation.get()));
    }

    private static String bearer(FullHttpRequest req) {
        String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        return auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
    }

    static Json.Writer error(String code, String message) {
        return json -> RelayJson.error(json, code, message);
    }

    /** Writes a JSON response, keeping the connection open when the client asked for keep-alive. */
    static void respond(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, Json.Writer body) {
        ByteBuf content = Json.encode(ctx.alloc(), body);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        HttpUtil.setContentLength(res, content.readableBytes());
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        HttpUtil.setKeepAlive(res, keepAlive);
        var written = ctx.writeAndFlush(res);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
